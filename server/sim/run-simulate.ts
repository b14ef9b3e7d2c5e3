/**
 * The run behind `npm run simulate` (server/cli/simulate.ts): the built-in scenario sent to a
 * running server over HTTP, like an outside producer. Progress, retries and errors go to stderr
 * (progress every 10 s); the summary line goes to stdout at the end. Resolves to the exit code:
 * 0 when every event was delivered, 1 when the server could not be reached or events were lost.
 */
import { systemClock, type Clock } from '../core/clock'
import { emptyTotals, progressLine, summaryLine, type SimulateOptions, type Totals } from './cli-options'
import { createHttpSink, FatalSinkError, toNdjson, type RetryPolicy, type Sink, type Sleep } from './http-sink'
import { startSimulator } from './simulator'

export interface SimulateDeps {
  /** The summary line, or the NDJSON of --dry-run. */
  stdout: NodeJS.WritableStream
  /** Progress, retries, errors. */
  stderr: NodeJS.WritableStream
  /** Aborted on Ctrl-C: stop, then print what was done. */
  stop?: AbortSignal
  clock?: Clock
  fetch?: typeof fetch
  retry?: RetryPolicy
  /** Waits between retries. */
  sleep?: Sleep
  progressEveryMs?: number
}

const PROGRESS_EVERY_MS = 10_000

export async function runSimulate(options: SimulateOptions, deps: SimulateDeps): Promise<number> {
  const say = (line: string) => deps.stderr.write(`${line}\n`)
  const totals = emptyTotals()
  // Aborted by a fatal failure or by the caller (Ctrl-C): either way, stop and print what was done.
  const finish = new AbortController()
  const onStop = () => finish.abort()
  deps.stop?.addEventListener('abort', onStop, { once: true })
  let fatal: string | null = null
  let shownRejection = false
  const sink: Sink = options.dryRun
    ? ndjsonSink(deps.stdout, totals)
    : createHttpSink({
        url: options.url,
        key: options.key,
        totals,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        ...(deps.retry ? { retry: deps.retry } : {}),
        ...(deps.sleep ? { sleep: deps.sleep } : {}),
        signal: finish.signal,
        onRetry: ({ failed, attempts, delayMs, reason }) =>
          say(`${reason}; retry ${failed} of ${attempts - 1} in ${delayMs / 1000} s`),
      })
  const began = performance.now()
  const elapsed = () => (performance.now() - began) / 1000
  let phase: 'backfill' | 'live' = options.backfillHours > 0 ? 'backfill' : 'live'

  say(
    `${options.dryRun ? 'printing' : `sending to ${options.url}`}: seed ${options.seed} (--seed ${options.seed} repeats it), ` +
      `${options.ratePerMinute}/min at peak, backfill ${options.backfillHours} h, then ${options.minutes} min live`,
  )
  const simulator = startSimulator({
    clock: deps.clock ?? systemClock,
    seed: options.seed,
    ratePerMinute: options.ratePerMinute,
    backfillHours: options.backfillHours,
    batchSize: options.batchSize,
    log: (level, msg, extra) => {
      const dropped = (extra as { dropped?: unknown } | undefined)?.dropped
      if (typeof dropped === 'number') totals.undelivered += dropped
      if (level !== 'info') say(`${level}: ${msg}${extra ? ' ' + JSON.stringify(extra) : ''}`)
    },
    // The sink does the retrying; the simulator's own retries would multiply its waits.
    ingest: async (events) => {
      if (finish.signal.aborted) return
      try {
        const answer = await sink.send(events)
        if (answer.firstRejection && !shownRejection) {
          shownRejection = true
          say(`the server rejected events, e.g. ${answer.firstRejection}`)
        }
      } catch (error) {
        totals.undelivered += events.length
        if (finish.signal.aborted) return
        if (error instanceof FatalSinkError) {
          fatal = error.message
          finish.abort()
        } else {
          say(`error: ${(error as Error).message}; ${events.length} events not delivered`)
        }
      }
    },
  })
  const progress = setInterval(() => say(progressLine(totals, elapsed(), phase)), deps.progressEveryMs ?? PROGRESS_EVERY_MS)
  try {
    await Promise.race([simulator.backfilled, aborted(finish.signal)])
    if (options.backfillHours > 0 && !finish.signal.aborted) say(`backfill done: ${summaryLine(totals, elapsed())}`)
    phase = 'live'
    await delay(options.minutes * 60_000, finish.signal)
    await simulator.stop()
  } finally {
    clearInterval(progress)
    deps.stop?.removeEventListener('abort', onStop)
  }
  if (fatal) say(`error: ${fatal}`)
  const summary = `${summaryLine(totals, elapsed())}\n`
  // With --dry-run stdout carries the events; the summary must not end up among them.
  ;(options.dryRun ? deps.stderr : deps.stdout).write(summary)
  return fatal || totals.undelivered > 0 ? 1 : 0
}

/** --dry-run: the events as NDJSON on stdout, so they can be piped into curl or a file. */
function ndjsonSink(stdout: NodeJS.WritableStream, totals: Totals): Sink {
  return {
    async send(events) {
      if (!stdout.write(toNdjson(events))) await new Promise((resolve) => stdout.once('drain', resolve))
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
