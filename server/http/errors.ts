import type { ErrorRequestHandler, Request, RequestHandler } from 'express'
import { AppError } from '../core/errors'
import { isDatabaseUnavailable } from '../db/unavailable'
import { settleUnreadBody } from './body-limits'
import { sendOpen311 } from './open311-format'

/** Seconds a producer is asked to wait while the database is away. */
export const RETRY_AFTER_SECONDS = 5

export const MESSAGES = {
  notFound: 'no such route',
  internal: 'internal error — retry the request: events already stored are recognised as duplicates, never stored twice',
  malformedJson: 'body is not valid JSON',
  databaseUnavailable: `the database is not answering — retry in ${RETRY_AFTER_SECONDS} s: events already stored are recognised as duplicates, never stored twice`,
} as const

/** Unknown routes under /api and /open311 answer JSON, not the SPA page. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new AppError(404, 'not_found', MESSAGES.notFound))

/**
 * The one place where errors become HTTP responses. Open311 routes answer in the GeoReport v2
 * shape `[{code, description}]` (`<errors><error>…` on .xml paths); everything else
 * `{error: {code, message, field?}}`.
 */
export function errorHandler(log: (message: string, error: unknown, req: Request) => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const appError = toAppError(error)
    if (appError.status >= 500) log(`${req.method} ${req.path} failed`, error, req)
    if (res.headersSent) {
      res.end()
      return
    }
    settleUnreadBody(appError.status, req, res)
    if (appError.status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS))
    if (req.path.startsWith('/open311/')) {
      const description = appError.field ? `${appError.field}: ${appError.message}` : appError.message
      sendOpen311(req, res.status(appError.status), { root: 'errors', item: 'error', body: [{ code: appError.status, description }] })
      return
    }
    res.status(appError.status).json({ error: { code: appError.code, message: appError.message, ...(appError.field ? { field: appError.field } : {}) } })
  }
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  const e = error as { type?: string; status?: number; statusCode?: number; message?: string }
  // body-parser's errors carry a status and a type
  if (isDatabaseUnavailable(error)) return new AppError(503, 'database_unavailable', MESSAGES.databaseUnavailable)
  if (e?.type === 'entity.too.large') return new AppError(413, 'body_too_large', e.message ?? 'body too large', 'body')
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'malformed_json', MESSAGES.malformedJson, 'body')
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return new AppError(415, 'unsupported_encoding', e.message ?? 'unsupported encoding', 'content-type')
  const status = e?.status ?? e?.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError(status, 'bad_request', e.message ?? 'bad request')
  return new AppError(500, 'internal', MESSAGES.internal)
}
