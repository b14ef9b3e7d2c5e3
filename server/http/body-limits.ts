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
 * After an answer given before the request's body was read whole. A body refused for its size is
 * not read on: the connection closes after the answer, or its unread rest would be taken for the
 * client's next request. Any other (the database went away mid-body) is read to its end and
 * dropped: a client still sending would otherwise see the connection reset, not the answer.
 */
export function settleUnreadBody(status: number, req: Request, res: Response): void {
  if (req.complete) return
  if (status === 413) res.set('Connection', 'close')
  else req.resume()
}
