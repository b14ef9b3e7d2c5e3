/** NDJSON request bodies, read line by line and never whole (ING-5): event ingest and status feeds alike. */
import type { Request, Response } from 'express'
import { AppError } from '../core/errors'
import { dropRest, settleUnreadBody } from './body-limits'
import { NdjsonLines, type NdjsonLine } from '../core/ndjson-lines'
import type { LineRejection } from '../ingest/intake'

/** Where the lines go: each parsed line, or the reason a line is not JSON. */
export interface LineSink {
  add(line: number, value: unknown): Promise<void>
  reject(rejection: LineRejection): void
}

/** Reads the body line by line (never whole), counting bytes against the limit. */
export async function readNdjson(req: Request, sink: LineSink, maxBytes: number, what = 'one JSON event per line'): Promise<void> {
  const lines = new NdjsonLines()
  let bytes = 0
  let seen = false
  const take = async (item: NdjsonLine) => {
    if ('fault' in item) {
      seen = true
      sink.reject({ line: item.line, field: '(line)', reason: item.fault })
      return
    }
    if (item.text.trim() === '') return
    seen = true
    let value: unknown
    try {
      value = JSON.parse(item.text)
    } catch (error) {
      sink.reject({ line: item.line, field: '(line)', reason: `not valid JSON: ${(error as Error).message}` })
      return
    }
    await sink.add(item.line, value)
  }
  // Left undestroyed when reading stops early (413, database away): destroying the request would
  // drop the connection before the answer that says why.
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    bytes += chunk.length
    if (bytes > maxBytes) throw new AppError(413, 'body_too_large', `body is larger than ${maxBytes} bytes; split it into several requests`, 'body')
    for (const item of lines.push(chunk)) await take(item)
  }
  for (const item of lines.end()) await take(item)
  if (!seen) throw new AppError(400, 'empty_body', `body is empty: send ${what}`, 'body')
}

/** A run's rejections as answered (ING-5): the first 1,000 listed, `rejected_total` when there were more. */
export function rejectionsAnswer(summary: { rejected: LineRejection[]; rejectedTotal: number }) {
  return {
    rejected: summary.rejected,
    ...(summary.rejectedTotal > summary.rejected.length ? { rejected_total: summary.rejectedTotal } : {}),
  }
}

/**
 * A streamed body cut short (over the limit, the database gone): the error with the counts of
 * what was taken before it — what was stored stays stored, and the producer learns why the rest
 * was not. A 413 is answered once the rest has been dropped (ING-5).
 */
export async function answerCutShort(error: AppError, req: Request, res: Response, counts: object): Promise<void> {
  if (error.status === 413) await dropRest(req)
  settleUnreadBody(error.status, req, res)
  res.status(error.status).json({ error: { code: error.code, message: error.message, field: error.field }, ...counts })
}
