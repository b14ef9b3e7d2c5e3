/**
 * A PostgreSQL cluster of a fault test's own, on a free port, with PostGIS: the test may stop it
 * (`-m immediate`, as a crash would) and start it again. The machine's shared server is never touched.
 */
import { execFile } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'

export interface OwnPostgres {
  url: string
  port: number
  /** Stops the server the way a crash does (no checkpoint, connections cut). */
  crash(): Promise<void>
  start(): Promise<void>
  destroy(): Promise<void>
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opswall-own-pg-'))
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres'])
    const { stdout: gid } = await run('id', ['-g', 'postgres'])
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()))
  }
  const pgRun = (tool: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(BIN, tool), ...args]) : run(path.join(BIN, tool), args))
  const data = path.join(dir, 'data')
  await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  const port = await freePort()
  // fsync off is safe here: a crash of the server process leaves the OS page cache intact. An
  // asynchronous commit would not be: it may lose acknowledged commits, which is what we test.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`
  const start = async () => void (await pgRun('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']))
  await start()
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query('CREATE EXTENSION IF NOT EXISTS postgis')
  await admin.end()
  return {
    url,
    port,
    crash: async () => void (await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])),
    start,
    async destroy() {
      await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
