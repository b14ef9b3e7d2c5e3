/**
 * OpsWall as `npm start` runs it (server/main.ts in a process of its own, configured by the
 * environment), for fault tests that must not share an event loop with the load they put on it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url))

export interface MainProcess {
  url: string
  process: ChildProcess
  /** Everything it wrote to stderr (its JSON log lines). */
  stderr: string[]
  /** SIGTERM, as an operator stops it; resolves with the exit code. */
  stop(): Promise<number | null>
}

export async function startMainProcess(env: Record<string, string>, startWithinMs = 120_000): Promise<MainProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const stderr: string[] = []
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`OpsWall did not start within ${startWithinMs} ms: ${stderr.slice(-5).join('\n')}`)), startWithinMs)
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
      reject(new Error(`OpsWall exited with ${code} before it started: ${stderr.slice(-5).join('\n')}`))
    })
  })
  return {
    url,
    process: child,
    stderr,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}
