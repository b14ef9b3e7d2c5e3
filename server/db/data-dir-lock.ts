/**
 * One writer for the embedded database: PGlite is a folder that two processes must never open at
 * once (a boundary import beside a running server corrupted it). The process that opens the
 * folder holds a lock file with its pid; another process is refused with what to do. A lock left
 * by a process that is gone is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import path from 'node:path'

export class DataDirLockedError extends Error {
  readonly code = 'data_dir_locked'
}

const LOCK_FILE = 'opswall.lock'

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'
  }
}

function holderOf(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim())
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

/** Locks `dir` for this process; returns the release. Throws DataDirLockedError while another live process holds it. */
export function lockDataDir(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE)
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => {
        if (holderOf(file) === process.pid) unlinkSync(file)
      }
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error
      const holder = holderOf(file)
      if (holder !== null && isAlive(holder)) {
        const who = holder === process.pid ? 'this process already' : `process ${holder} (a running OpsWall?)`
        throw new DataDirLockedError(
          `the embedded database in ${dir} is open in ${who} — stop it first (two processes would corrupt it), or set DATABASE_URL to a PostgreSQL server that many processes can share`,
        )
      }
      unlinkSync(file) // left by a process that is gone
    }
  }
  throw new DataDirLockedError(`could not lock ${file}: another process keeps taking it`)
}
