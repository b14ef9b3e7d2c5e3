/**
 * Runs the built-in scenario against a running server over HTTP, like an outside producer:
 *   npm run simulate -- --url http://127.0.0.1:8080 --rate 120 --minutes 5 --backfill-hours 2
 * The run itself is server/sim/run-simulate.ts; this file reads the arguments and the process.
 */
import { randomInt } from 'node:crypto'
import { parseSimulateArgs, USAGE } from '../sim/cli-options'
import { runSimulate } from '../sim/run-simulate'

async function main(): Promise<number> {
  const parsed = parseSimulateArgs(process.argv.slice(2), { key: process.env.OPSWALL_API_KEY, seed: randomInt(1, 1_000_000) })
  if ('help' in parsed) {
    console.log(USAGE)
    return 0
  }
  if ('error' in parsed) {
    console.error(`${parsed.error}\n(--help lists the options)`)
    return 2
  }
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `--dry-run | head` closes the pipe early; that is the reader saying "enough", not a failure.
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
  const stop = new AbortController()
  process.once('SIGINT', () => {
    console.error('stopping (Ctrl-C again to quit at once)…')
    stop.abort()
    process.once('SIGINT', () => process.exit(130))
  })
  return runSimulate(parsed.options, { stdout: process.stdout, stderr: process.stderr, stop: stop.signal })
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
