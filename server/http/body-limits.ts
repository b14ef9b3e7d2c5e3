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

/** What of a body refused for its size is still read and dropped after the answer, at most. */
const LINGER_BYTES = 2 * MAX_BODY_BYTES
const LINGER_MS = 10_000

/**
 * After an answer given before the request's body was read whole. Any other than 413 (the
 * database went away mid-body) reads the body to its end and drops it, keeping the connection. A
 * body refused for its size is read on and dropped for a while — up to another LINGER_BYTES or
 * LINGER_MS — and then the connection closes: closed at once on a client still sending, it would
 * be reset, and a reset can overtake the answer on its way (the client sees "fetch failed", not
 * the 413). A client that goes on past that is cut off.
 */
export function settleUnreadBody(status: number, req: Request, res: Response): void {
  if (req.complete) return
  if (status !== 413) {
    req.resume()
    return
  }
  const socket = req.socket
  const cutOff = () => socket.destroy()
  const timer = setTimeout(cutOff, LINGER_MS)
  timer.unref()
  let dropped = 0
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length
    if (dropped > LINGER_BYTES) {
      clearTimeout(timer)
      cutOff()
    }
  })
  req.once('end', () => {
    clearTimeout(timer)
    // Everything sent has been read: closing now is a clean end, after the answer.
    const close = () => socket.end()
    if (res.writableFinished) close()
    else res.once('finish', close)
  })
  req.resume()
}
