/**
 * OpsWall as `npm start` runs it (server/main.ts in a process of its own, configured by the
 * environment), for fault tests that must not share an event loop with the load they put on it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url))

export interface MainProcess {
  url: string
  process: ChildProcess
  /** Its log (JSON lines on stderr), each with when it arrived; a line that is not JSON as `{msg}`. */
  logs: Array<{ at: number; entry: Record<string, unknown> }>
  /** Settles with the exit code, however the process ends. */
  exited: Promise<number | null>
  /** SIGTERM, as an operator stops it; resolves with the exit code. */
  stop(): Promise<number | null>
}

export async function startMainProcess(env: Record<string, string>, startWithinMs = 120_000): Promise<MainProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const logs: MainProcess['logs'] = []
  createInterface({ input: child.stderr! }).on('line', (line) => {
    try {
      logs.push({ at: Date.now(), entry: JSON.parse(line) as Record<string, unknown> })
    } catch {
      logs.push({ at: Date.now(), entry: { msg: line } })
    }
  })
  const lastLogs = () => logs.slice(-5).map((l) => JSON.stringify(l.entry)).join('\n')
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`OpsWall did not start within ${startWithinMs} ms: ${lastLogs()}`)), startWithinMs)
    let out = ''
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const port = /http:\/\/localhost:(\d+)\/wall/.exec(out)?.[1]
      if (port) {
        clearTimeout(timer)
        resolve(`http://127.0.0.1:${port}`)
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`OpsWall exited with ${code} before it started: ${lastLogs()}`))
    })
  })
  return {
    url,
    process: child,
    logs,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}
