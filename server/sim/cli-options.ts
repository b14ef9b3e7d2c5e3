/** Options and printed lines of `npm run simulate` (server/cli/simulate.ts). Pure. */
import { parseArgs } from 'node:util'
import { DEFAULT_RETRY, retryDelayMs } from './http-sink'
import { DEFAULT_RATE_PER_MINUTE } from './scenario'

export const DEFAULT_URL = 'http://127.0.0.1:8080'
export const DEFAULT_KEY = 'opswall-dev-key'
export const DEFAULT_MINUTES = 10
export const DEFAULT_HTTP_BATCH = 1000

export interface SimulateOptions {
  url: string
  key: string
  ratePerMinute: number
  minutes: number
  backfillHours: number
  seed: number
  batchSize: number
  dryRun: boolean
}

const waits = Array.from({ length: DEFAULT_RETRY.attempts - 1 }, (_, i) => retryDelayMs(DEFAULT_RETRY, i + 1) / 1000)
const retryWaits = `${waits.slice(0, -1).join(', ')} and ${waits.at(-1)} s`

export const USAGE = `Feeds a running OpsWall server with the simulated city over HTTP.

  npm run simulate -- [options]        (or: npx tsx server/cli/simulate.ts [options])

  --url URL              the running OpsWall server to POST to, as \`npm start\` prints it
                         (default ${DEFAULT_URL}; a server started with PORT=9000 is http://127.0.0.1:9000)
  --key KEY              producer API key, sent as X-API-Key; the events are filed under its source
                         (default $OPSWALL_API_KEY or ${DEFAULT_KEY}, which writes as demo)
  --rate N               events per minute at the busiest hour (default ${DEFAULT_RATE_PER_MINUTE})
  --minutes N            minutes to keep sending live events after the backfill; 0 = backfill only (default ${DEFAULT_MINUTES})
  --backfill-hours N     first send the last N hours of the scenario (default 0)
  --seed N               same seed, same events and source_ids (default: random, printed)
  --batch N              events per request (default ${DEFAULT_HTTP_BATCH})
  --dry-run              print the events as NDJSON on stdout instead of sending them
  -h, --help             this text

A server that cannot be reached, or answers 429/5xx, is retried after ${retryWaits}. If it still
cannot be reached the run stops; events it keeps refusing are counted as not delivered. Either way
the exit code is 1. Progress goes to stderr every 10 s, the summary line to stdout at the end.`

export type ParsedArgs = { help: true } | { error: string } | { options: SimulateOptions }

export function parseSimulateArgs(argv: readonly string[], defaults: { key?: string | undefined; seed: number }): ParsedArgs {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        url: { type: 'string' },
        key: { type: 'string' },
        rate: { type: 'string' },
        minutes: { type: 'string' },
        'backfill-hours': { type: 'string' },
        seed: { type: 'string' },
        batch: { type: 'string' },
        'dry-run': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    return { error: (error as Error).message }
  }
  if (values.help) return { help: true }
  const url = String(values.url ?? DEFAULT_URL).replace(/\/+$/, '')
  if (!/^https?:\/\/[^/]+/.test(url)) return { error: `--url "${url}" must start with http:// or https://, e.g. ${DEFAULT_URL}` }
  const number = (name: string, fallback: number, check: (n: number) => boolean, rule: string): number | string => {
    const raw = values[name]
    if (raw === undefined) return fallback
    const n = Number(raw)
    return raw !== '' && Number.isFinite(n) && check(n) ? n : `--${name} "${String(raw)}" must be ${rule}`
  }
  const rate = number('rate', DEFAULT_RATE_PER_MINUTE, (n) => n > 0 && n <= 10_000, 'a number of events per minute in (0, 10000]')
  const minutes = number('minutes', DEFAULT_MINUTES, (n) => n >= 0, 'a number of minutes, 0 or more')
  const backfill = number('backfill-hours', 0, (n) => n >= 0 && n <= 24 * 31, 'a number of hours in [0, 744]')
  const seed = number('seed', defaults.seed, (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32, 'a whole number in [0, 4294967295]')
  const batch = number('batch', DEFAULT_HTTP_BATCH, (n) => Number.isInteger(n) && n >= 1 && n <= 50_000, 'a whole number of events in [1, 50000]')
  for (const value of [rate, minutes, backfill, seed, batch]) if (typeof value === 'string') return { error: value }
  return {
    options: {
      url,
      key: String(values.key ?? defaults.key ?? DEFAULT_KEY),
      ratePerMinute: rate as number,
      minutes: minutes as number,
      backfillHours: backfill as number,
      seed: seed as number,
      batchSize: batch as number,
      dryRun: values['dry-run'] === true,
    },
  }
}

export interface Totals {
  sent: number
  accepted: number
  duplicates: number
  rejected: number
  /** Events the simulator gave up on after repeated failures (server down, timeouts). */
  undelivered: number
}

export const emptyTotals = (): Totals => ({ sent: 0, accepted: 0, duplicates: 0, rejected: 0, undelivered: 0 })

const n = (value: number) => value.toLocaleString('en-US')

/** "sent 12,345 events: 12,300 accepted, 45 duplicates, 0 rejected in 63 s" */
export function summaryLine(totals: Totals, seconds: number): string {
  const line = `sent ${n(totals.sent)} events: ${n(totals.accepted)} accepted, ${n(totals.duplicates)} duplicates, ${n(totals.rejected)} rejected in ${n(Math.round(seconds))} s`
  return totals.undelivered > 0 ? `${line}; ${n(totals.undelivered)} not delivered` : line
}

export function progressLine(totals: Totals, seconds: number, phase: 'backfill' | 'live'): string {
  return `${String(Math.round(seconds)).padStart(5)} s  ${phase.padEnd(8)} sent ${n(totals.sent)} · accepted ${n(totals.accepted)} · duplicates ${n(totals.duplicates)} · rejected ${n(totals.rejected)}`
}
