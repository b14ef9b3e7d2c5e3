/**
 * The drill-down and search cursor (CON-3): where the last page ended, the instant the first page
 * was asked at (`as_of`) and the newest event id stored then, bound to the query it pages through.
 * `base64url(JSON).base64url(HMAC-SHA256(secret))`: opaque to clients, and an edited cursor or one
 * carried over to another query is refused rather than silently answering something else. Pure.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { badRequest } from './errors'

export interface CursorState {
  /** The first page's `now`: windows ending "now" keep ending there on every later page. */
  as_of: string
  /** Events stored after the first page have larger ids and never shift a later page. */
  max_id: string
  /** The last item of the page: the next page starts strictly after it in (occurred_at DESC, id DESC). */
  at: string
  id: string
  /** The query's key (`queryKey`). */
  key: string
}

export const CURSOR_REFUSED = 'was tampered with or belongs to another query — start again without a cursor'

/** A stable digest of what a query selects: the same filters, in any parameter order, give the same key. */
export function queryKey(parts: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.keys(parts).sort().map((name) => [name, parts[name] ?? null]))
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22)
}

const mac = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('base64url')

export function signCursor(state: CursorState, secret: string): string {
  const body = Buffer.from(JSON.stringify(state)).toString('base64url')
  return `${body}.${mac(body, secret)}`
}

const ID = /^\d{1,19}$/

/** The state of a cursor this server signed for the query `key`; anything else is a 400 on `cursor`. */
export function readCursor(token: string, secret: string, key: string): CursorState {
  const [body, signature, ...rest] = token.split('.')
  if (!body || !signature || rest.length > 0) throw badRequest('cursor', CURSOR_REFUSED)
  const expected = Buffer.from(mac(body, secret))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw badRequest('cursor', CURSOR_REFUSED)
  let state: CursorState
  try {
    state = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CursorState
  } catch {
    throw badRequest('cursor', CURSOR_REFUSED)
  }
  const valid = state.key === key && ID.test(state.id) && ID.test(state.max_id) && !Number.isNaN(Date.parse(state.as_of)) && !Number.isNaN(Date.parse(state.at))
  if (!valid) throw badRequest('cursor', CURSOR_REFUSED)
  return state
}
