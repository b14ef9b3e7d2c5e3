import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { ANONYMOUS, authorize, producerSource, type Action, type Principal } from '../core/access'

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal
  }
}

/**
 * Reads the caller's credentials once per request: `Authorization: Bearer`, `X-API-Key`, or an
 * `api_key` query or form field (Open311 producers send it in the body).
 */
export function identify(apiKeys: ReadonlyMap<string, string>): RequestHandler {
  return (req, _res, next) => {
    const header = req.get('authorization')
    const bearer = header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : undefined
    const query = typeof req.query.api_key === 'string' ? req.query.api_key : undefined
    const body = req.body as { api_key?: unknown } | undefined
    const field = typeof body?.api_key === 'string' ? body.api_key : undefined
    const key = bearer ?? req.get('x-api-key') ?? query ?? field
    const source = key ? apiKeys.get(key) : undefined
    req.principal = source ? { kind: 'producer', source } : ANONYMOUS
    next()
  }
}

/**
 * Every route declares its action through this guard; `scopeOf` names the scope the request
 * touches so district-scoped roles can be checked here when they land.
 */
export function guard(action: Action, scopeOf?: (req: Request) => string | undefined): RequestHandler {
  const handler = (req: Request, _res: Response, next: NextFunction) => {
    authorize(req.principal ?? ANONYMOUS, action, scopeOf?.(req))
    next()
  }
  return Object.assign(handler, { [GUARDED]: action })
}

/** The source the caller's events are filed under: its API key's (ING-8). For routes guarded by `ingest`. */
export const sourceOf = (req: Request): string => producerSource(req.principal ?? ANONYMOUS)

/** Marks guard handlers, so a test can prove that every route starts with one. */
export const GUARDED = Symbol('opswall.guard')

export function guardedAction(handler: unknown): Action | undefined {
  return (handler as { [GUARDED]?: Action } | null)?.[GUARDED]
}
