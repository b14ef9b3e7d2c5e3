/**
 * A Redis server of a fault test's own, on a free port: the test may kill it (SIGKILL, as a crash
 * would; it keeps nothing on disk, so it comes back empty) and start it again on the same port.
 * The machine's shared Redis is never touched.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'
import { freePort } from './free-port'
import { waitFor } from './wait'

const run = promisify(execFile)

export interface OwnRedis {
  url: string
  port: number
  /** SIGKILL: connections are cut, and the data (the live log included) is gone. */
  crash(): Promise<void>
  start(): Promise<void>
  destroy(): Promise<void>
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let server: ChildProcess | null = null
  const start = async () => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
    const ping = () => run('redis-cli', ['-p', String(port), 'ping']).then((out) => out.stdout.trim() === 'PONG', () => false)
    await waitFor(ping, 10_000, `redis on port ${port}`)
  }
  const crash = async () => {
    const running = server
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
  await start()
  return { url, port, crash, start, destroy: crash }
}
