/** Per-request logging (pino-http, request ids) and timing (Prometheus histogram). */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Request, RequestHandler } from 'express'
import { pinoHttp } from 'pino-http'
import type { Log } from '../log'
import type { Metrics } from '../metrics'

export const REQUEST_ID_HEADER = 'X-Request-Id'
/** An incoming id is kept when it looks like one (a UUID, a trace id…); anything else is replaced. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/
/** Probes and scrapes answer every few seconds: logged at debug unless they fail. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics'])

export function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id']
  return typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID()
}

/**
 * Gives every request an id (the caller's `X-Request-Id`, else a new one), echoes it in the
 * response, and a `req.log` whose lines carry it as `reqId`; one line per finished request.
 */
export function requestLogger(log: Log): RequestHandler {
  return pinoHttp({
    logger: log.pino,
    // Serializers, redaction and formatting are the root logger's (server/log.ts).
    wrapSerializers: false,
    quietReqLogger: true,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const id = requestId(req)
      res.setHeader(REQUEST_ID_HEADER, id)
      return id
    },
    customLogLevel(req, res, error) {
      if (error || res.statusCode >= 500) return 'error'
      if (res.statusCode >= 400) return 'warn'
      return PROBES.has(pathOf(req)) ? 'debug' : 'info'
    },
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    // The error handler has already logged the error itself, stack included; pino-http would
    // otherwise add a made-up "failed with status code 500" error with its own stack.
    customErrorObject: (_req, _res, _error, entry: { res: unknown; responseTime: number }) => ({ res: entry.res, responseTime: entry.responseTime }),
  }) as unknown as RequestHandler
}

/** For errorHandler: the failure, stack included, on the request's own logger (so with its reqId). */
export function logRequestError(message: string, error: unknown, req: Request): void {
  req.log.error({ err: error }, message)
}

function pathOf(req: IncomingMessage): string {
  return ((req as Request).originalUrl ?? req.url ?? '').split('?')[0]!
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/** Times every request under its route pattern (`/open311/v2/requests/:id.json`), not its raw path. */
export function requestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpRequestSeconds.startTimer()
    res.once('close', () => {
      end({ method: METHODS.has(req.method) ? req.method : 'other', route: routeOf(req), status: String(res.statusCode) })
    })
    next()
  }
}

/** Unmatched paths (404s, static files) share one label, so the label set stays bounded. */
function routeOf(req: Request): string {
  const path: unknown = req.route?.path
  if (typeof path === 'string') return `${req.baseUrl}${path}`
  if (Array.isArray(path) && path.includes(req.path)) return req.path
  return 'unmatched'
}
