/**
 * Runs the built-in scenario against a running server over HTTP, like an outside producer:
 *   npx tsx server/cli/simulate.ts --rate 120 --minutes 5 --backfill-hours 2
 * Progress goes to stderr every 10 s; the summary line goes to stdout at the end.
 */
import { randomInt } from 'node:crypto'
import { systemClock } from '../core/clock'
import { emptyTotals, parseSimulateArgs, progressLine, summaryLine, USAGE } from '../sim/cli-options'
import { createHttpSink, FatalSinkError, toNdjson, type Sink } from '../sim/http-sink'
import { startSimulator } from '../sim/simulator'

const PROGRESS_EVERY_MS = 10_000

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
  const options = parsed.options
  const totals = emptyTotals()
  const sink: Sink = options.dryRun ? stdoutSink(totals) : createHttpSink({ url: options.url, key: options.key, totals })
  const began = performance.now()
  const elapsed = () => (performance.now() - began) / 1000
  // Aborted by a fatal answer or by Ctrl-C: either way, stop and print what was done.
  const finish = new AbortController()
  let fatal: string | null = null
  let phase: 'backfill' | 'live' = options.backfillHours > 0 ? 'backfill' : 'live'
  let shownRejection = false

  process.once('SIGINT', () => {
    console.error('stopping (Ctrl-C again to quit at once)…')
    finish.abort()
    process.once('SIGINT', () => process.exit(130))
  })
  console.error(
    `${options.dryRun ? 'printing' : `sending to ${options.url}`}: seed ${options.seed} (--seed ${options.seed} repeats it), ` +
      `${options.ratePerMinute}/min at peak, backfill ${options.backfillHours} h, then ${options.minutes} min live`,
  )

  const simulator = startSimulator({
    clock: systemClock,
    seed: options.seed,
    ratePerMinute: options.ratePerMinute,
    backfillHours: options.backfillHours,
    batchSize: options.batchSize,
    log: (level, msg, extra) => {
      const dropped = (extra as { dropped?: unknown } | undefined)?.dropped
      if (typeof dropped === 'number') totals.undelivered += dropped
      if (level !== 'info') console.error(`${level}: ${msg}${extra ? ' ' + JSON.stringify(extra) : ''}`)
    },
    ingest: async (events) => {
      if (finish.signal.aborted) return
      try {
        const answer = await sink.send(events)
        if (answer.firstRejection && !shownRejection) {
          shownRejection = true
          console.error(`the server rejected events, e.g. ${answer.firstRejection}`)
        }
      } catch (error) {
        if (!(error instanceof FatalSinkError)) throw error
        fatal = error.message
        finish.abort()
      }
    },
  })
  const progress = setInterval(() => console.error(progressLine(totals, elapsed(), phase)), PROGRESS_EVERY_MS)

  await Promise.race([simulator.backfilled, aborted(finish.signal)])
  if (options.backfillHours > 0 && !finish.signal.aborted) {
    console.error(`backfill done: ${summaryLine(totals, elapsed())}`)
  }
  phase = 'live'
  await delay(options.minutes * 60_000, finish.signal)
  await simulator.stop()
  clearInterval(progress)
  if (fatal) console.error(`error: ${fatal}`)
  ;(options.dryRun ? console.error : console.log)(summaryLine(totals, elapsed()))
  return fatal ? 1 : 0
}

/** --dry-run: the events as NDJSON on stdout, so they can be piped into curl or a file. */
function stdoutSink(totals: ReturnType<typeof emptyTotals>): Sink {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `| head` closes the pipe early; that is the reader saying "enough", not a failure.
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })
  return {
    async send(events) {
      if (!process.stdout.write(toNdjson(events))) await new Promise((resolve) => process.stdout.once('drain', resolve))
      totals.sent += events.length
      totals.accepted += events.length
      return { accepted: events.length, duplicates: 0, rejected: 0 }
    },
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })))
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    aborted(signal).then(() => {
      clearTimeout(timer)
      resolve()
    })
  })
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
