/**
 * Sends simulator batches to a running server as NDJSON (`POST /api/v1/events`) and reads its
 * answer `{accepted, duplicates, rejected: [{line, field, reason}], rejected_total?}`.
 * A retryable failure throws an Error (the simulator backs off and retries); a failure that no
 * retry can fix (bad key, wrong URL, batch too large) throws a FatalSinkError.
 */
import type { Totals } from './cli-options'

export class FatalSinkError extends Error {}

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

export function createHttpSink(options: { url: string; key: string; totals: Totals; fetch?: typeof fetch }): Sink {
  const endpoint = `${options.url}/api/v1/events`
  const doFetch = options.fetch ?? fetch
  return {
    async send(events) {
      let response: Response
      try {
        response = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', 'x-api-key': options.key },
          body: toNdjson(events),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        })
      } catch (error) {
        // fetch says only "fetch failed"; the cause (ECONNREFUSED, a timeout) is what helps.
        const cause = (error as { cause?: { code?: string; message?: string } }).cause
        throw new Error(`cannot reach ${endpoint}: ${cause?.code ?? cause?.message ?? (error as Error).message} — is the server running?`)
      }
      const body: unknown = await response.json().catch(() => null)
      const answer = readAnswer(response.status, body, events.length, endpoint)
      const totals = options.totals
      totals.sent += events.length
      totals.accepted += answer.accepted
      totals.duplicates += answer.duplicates
      totals.rejected += answer.rejected
      return answer
    },
  }
}
