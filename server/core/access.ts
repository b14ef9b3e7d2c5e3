/**
 * The one place where who may do what is decided, for HTTP routes and socket subscriptions alike.
 * Roles (wall, officer, leader, admin) arrive with a later issue; today there are producers with
 * an API key and anonymous readers of aggregates. Pure: callers pass the principal in.
 */
import { AppError } from './errors'

export type Action =
  /** liveness, readiness, Open311 discovery and service list */
  | 'read:public'
  /** boundaries, cell counts, KPIs, masked ticker: what a wall display shows */
  | 'read:aggregate'
  /** individual events, still without personal data */
  | 'read:events'
  /** producers posting complaints and mentions */
  | 'ingest'
  /**
   * changing a complaint's status or recording its rating (LIFE-2, LIFE-4): producers' keys today
   * (a hotline system's feed); officers' logins when roles land
   */
  | 'update:complaint'
  /** Prometheus scrapes of GET /metrics: counts and timings, no event data */
  | 'read:metrics'

export type Principal = { kind: 'anonymous' } | { kind: 'producer'; source: string }

export const ANONYMOUS: Principal = { kind: 'anonymous' }

// Metrics are open like the other reads until roles land; a scraper then gets its own token.
const ANONYMOUS_ACTIONS: ReadonlySet<Action> = new Set(['read:public', 'read:aggregate', 'read:events', 'read:metrics'])

/** The source a producer writes as: its API key's (ING-8). Anyone else may not ingest. */
export function producerSource(principal: Principal): string {
  if (principal.kind === 'producer') return principal.source
  throw new AppError(403, 'api_key_required', 'a valid api_key is required to submit events', 'api_key')
}

/**
 * Throws 401/403 unless `principal` may perform `action` on `scope` (`city` or a unit code).
 * Scope is accepted for every principal until roles with district scope land.
 */
export function authorize(principal: Principal, action: Action, _scope?: string): void {
  if (action === 'ingest' || action === 'update:complaint') {
    producerSource(principal)
    return
  }
  if (ANONYMOUS_ACTIONS.has(action)) return
  throw new AppError(403, 'forbidden', `not allowed: ${action}`)
}
