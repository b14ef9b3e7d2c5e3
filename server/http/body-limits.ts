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

/** What of a body refused for its size mid-stream is still read and dropped before the answer, at most. */
const DROP_REST_BYTES = 2 * MAX_BODY_BYTES
const DROP_REST_MS = 10_000

/**
 * Before a 413 found while streaming: reads on and drops what the client is still sending, up to
 * DROP_REST_BYTES or DROP_REST_MS. Answered and closed while the client still sends, the
 * connection would be reset, and the reset can overtake the answer (the client sees "fetch
 * failed", not the 413). A client still sending past that is answered and closed on anyway.
 */
export function dropRest(req: Request): Promise<void> {
  if (req.complete) return Promise.resolve()
  return new Promise((resolve) => {
    let dropped = 0
    const done = () => {
      clearTimeout(timer)
      req.off('data', count)
      req.off('end', done)
      req.pause()
      resolve()
    }
    const count = (chunk: Buffer) => {
      dropped += chunk.length
      if (dropped > DROP_REST_BYTES) done()
    }
    const timer = setTimeout(done, DROP_REST_MS)
    req.on('data', count)
    req.once('end', done)
    req.resume()
  })
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
