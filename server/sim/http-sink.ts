/**
 * Sends simulator batches to a running server as NDJSON (`POST /api/v1/events`) and reads its
 * answer `{accepted, duplicates, rejected: [{line, field, reason}], rejected_total?}`.
 * A failure that no retry can fix (bad key, wrong URL, batch too large) throws a FatalSinkError at
 * once. A server that cannot be reached, or answers 429/5xx, is retried a bounded number of times
 * with doubling waits (retrying is safe: ingest is idempotent by source_id); then an unreachable
 * server is fatal too, and a server that keeps failing throws a plain Error for that batch.
 */
import type { Totals } from './cli-options'

export class FatalSinkError extends Error {}

/** fetch itself failed: refused, unknown host, no answer in time. */
class UnreachableError extends Error {
  constructor(
    readonly endpoint: string,
    readonly reason: string,
  ) {
    super(`cannot reach ${endpoint} (${reason})`)
  }
}

export interface Answer {
  accepted: number
  duplicates: number
  rejected: number
  /** The first rejection the server reported, to show the user why. */
  firstRejection?: string
}

const REQUEST_TIMEOUT_MS = 60_000

/** Reads the server's answer, or says what to do about it. Pure. */
export function readAnswer(status: number, body: unknown, sent: number, url: string): Answer {
  if (status === 401 || status === 403) {
    throw new FatalSinkError(`the server refused the API key (HTTP ${status}) — pass --key or set OPSWALL_API_KEY`)
  }
  if (status === 404 || status === 405) throw new FatalSinkError(`POST ${url} answered ${status} — is --url an OpsWall server?`)
  if (status === 413) throw new FatalSinkError(`the server finds ${sent} events per request too large (HTTP 413) — lower --batch`)
  if (status === 429 || status >= 500) throw new Error(`the server answered HTTP ${status}${describeError(body)}`)
  const answer = (body ?? {}) as { accepted?: unknown; duplicates?: unknown; rejected?: unknown; rejected_total?: unknown }
  const accepted = answer.accepted
  const duplicates = answer.duplicates
  if ((status !== 200 && status !== 400) || typeof accepted !== 'number' || typeof duplicates !== 'number') {
    throw new FatalSinkError(`unexpected answer from POST ${url} (HTTP ${status})${describeError(body)}`)
  }
  const list = Array.isArray(answer.rejected) ? (answer.rejected as Array<{ line?: unknown; field?: unknown; reason?: unknown }>) : []
  const rejected = typeof answer.rejected_total === 'number' ? answer.rejected_total : typeof answer.rejected === 'number' ? answer.rejected : list.length
  const first = list[0]
  return {
    accepted,
    duplicates,
    rejected,
    ...(first ? { firstRejection: `line ${String(first.line)}: ${String(first.field)} ${String(first.reason)}` } : {}),
  }
}

function describeError(body: unknown): string {
  const error = (body as { error?: { message?: unknown } } | null)?.error
  return typeof error?.message === 'string' ? `: ${error.message}` : ''
}

export function toNdjson(events: readonly unknown[]): string {
  return events.map((event) => JSON.stringify(event)).join('\n') + '\n'
}

export interface Sink {
  send(events: unknown[]): Promise<Answer>
}

export interface RetryPolicy {
  /** Tries per batch, the first one included. */
  attempts: number
  firstDelayMs: number
  maxDelayMs: number
}

/** 1 + 2 + 4 + 8 s: a server that is restarting gets 15 s; one that is not running fails in 15 s. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, firstDelayMs: 1_000, maxDelayMs: 8_000 }

/** The wait after failed attempt number `failed` (1-based). Pure. */
export function retryDelayMs(policy: RetryPolicy, failed: number): number {
  return Math.min(policy.firstDelayMs * 2 ** (failed - 1), policy.maxDelayMs)
}

export interface RetryNotice {
  /** The attempt that failed, 1-based. */
  failed: number
  attempts: number
  delayMs: number
  reason: string
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export interface HttpSinkOptions {
  url: string
  key: string
  totals: Totals
  fetch?: typeof fetch
  retry?: RetryPolicy
  /** Waits between attempts; tests pass one that returns at once and records the waits. */
  sleep?: Sleep
  /** Told before each wait, to say what is going on. */
  onRetry?: (notice: RetryNotice) => void
  /** Ends the waits early (Ctrl-C); the batch then throws. */
  signal?: AbortSignal
}

export function createHttpSink(options: HttpSinkOptions): Sink {
  const endpoint = `${options.url}/api/v1/events`
  const doFetch = options.fetch ?? fetch
  const policy = options.retry ?? DEFAULT_RETRY
  const sleep = options.sleep ?? abortableSleep

  async function sendOnce(events: unknown[]): Promise<Answer> {
    let response: Response
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', 'x-api-key': options.key },
        body: toNdjson(events),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
    } catch (error) {
      throw new UnreachableError(endpoint, fetchFailure(error))
    }
    const body: unknown = await response.json().catch(() => null)
    return readAnswer(response.status, body, events.length, endpoint)
  }

  return {
    async send(events) {
      let waitedMs = 0
      for (let attempt = 1; ; attempt++) {
        let failure: Error
        try {
          const answer = await sendOnce(events)
          const totals = options.totals
          totals.sent += events.length
          totals.accepted += answer.accepted
          totals.duplicates += answer.duplicates
          totals.rejected += answer.rejected
          return answer
        } catch (error) {
          if (error instanceof FatalSinkError) throw error
          failure = error as Error
        }
        const tries = `${attempt} attempt${attempt === 1 ? '' : 's'} over ${Math.round(waitedMs / 1000)} s`
        if (attempt >= policy.attempts) {
          if (failure instanceof UnreachableError) {
            throw new FatalSinkError(
              `cannot reach ${failure.endpoint} (${failure.reason}) after ${tries} — is the server running? ` +
                `Start it with \`npm start\`, or pass --url with the address of a running OpsWall server`,
            )
          }
          throw new Error(`${failure.message} (${tries})`)
        }
        const delayMs = retryDelayMs(policy, attempt)
        options.onRetry?.({ failed: attempt, attempts: policy.attempts, delayMs, reason: failure.message })
        await sleep(delayMs, options.signal)
        waitedMs += delayMs
        if (options.signal?.aborted) throw new Error(`stopped while retrying: ${failure.message}`)
      }
    },
  }
}

/** fetch says only "fetch failed"; the cause (ECONNREFUSED, ENOTFOUND, a timeout) is what helps. */
function fetchFailure(error: unknown): string {
  if ((error as { name?: unknown }).name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause
  if (typeof cause?.code === 'string') return cause.code
  if (typeof cause?.message === 'string') return cause.message
  return error instanceof Error ? error.message : String(error)
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
