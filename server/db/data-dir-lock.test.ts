/** One writer for the embedded database folder: a second opener is refused, a dead one's lock is taken over. */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, test } from 'vitest'
import { DataDirLockedError, lockDataDir } from './data-dir-lock'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opswall-lock-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

test('a second opener is refused with what to do; after the release the folder opens again', () => {
  const dir = tempDir()
  const release = lockDataDir(dir)
  assert.throws(() => lockDataDir(dir), (error) => error instanceof DataDirLockedError && /stop it first/.test(error.message) && /DATABASE_URL/.test(error.message))
  release()
  assert.equal(existsSync(path.join(dir, 'opswall.lock')), false)
  lockDataDir(dir)()
})

test('another live process holding the folder is named; a lock left by a process that is gone is taken over', () => {
  const dir = tempDir()
  writeFileSync(path.join(dir, 'opswall.lock'), String(process.ppid))
  assert.throws(() => lockDataDir(dir), new RegExp(`open in process ${process.ppid}`))
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString()
  writeFileSync(path.join(dir, 'opswall.lock'), gone)
  const release = lockDataDir(dir)
  release()
})
