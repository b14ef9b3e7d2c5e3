import type { Request, RequestHandler, Response } from 'express'
import { AppError } from '../core/errors'

/** Streamed NDJSON and JSON bodies (ING-5). */
export const MAX_BODY_BYTES = 50 * 1024 * 1024
/** Open311 form posts: a few fields. */
export const MAX_FORM_BYTES = 1024 * 1024

export const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines']

const LIMITS: ReadonlyArray<[types: string[], bytes: number]> = [
  [NDJSON_TYPES, MAX_BODY_BYTES],
  [['application/json'], MAX_BODY_BYTES],
  [['application/x-www-form-urlencoded'], MAX_FORM_BYTES],
]

/**
 * A body declared over its limit is refused before a byte of it is read: body-parser would wait
 * for the whole body before answering, and a client that never sends it would wait for ever.
 */
export const refuseDeclaredTooLarge: RequestHandler = (req, _res, next) => {
  const declared = Number(req.get('content-length'))
  if (!Number.isFinite(declared)) return next()
  for (const [types, bytes] of LIMITS) {
    if (req.is(types) && declared > bytes) return next(new AppError(413, 'body_too_large', `body is ${declared} bytes; the limit is ${bytes} — split it into several requests`, 'body'))
  }
  next()
}

/**
 * An answer sent before the request's body was read whole ends the connection: the unread rest
 * would otherwise be taken for the client's next request on it.
 */
export function closeIfUnread(req: Request, res: Response): void {
  if (!req.complete) res.set('Connection', 'close')
}
