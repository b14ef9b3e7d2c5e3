/** Whether what the screen shows can still be trusted. Pure: time comes in as an argument. */
import type { Degraded, DegradedReason } from '../../server/core/protocol'

export const STALE_AFTER_MS = 30_000

export interface FreshnessInput {
  now: number
  /** When the last message of any kind (snapshot, delta, kpi, ticker, heartbeat) arrived. */
  lastMessageAt: number | null
  connected: boolean
  /** When the page started waiting for data: the reference point before any message arrived. */
  startedAt: number
  /**
   * The server took the subscription but has not answered it: heartbeats may keep coming, yet
   * nothing on screen is being kept up to date.
   */
  unanswered?: boolean
  /** What the server's node last said about its own counts (heartbeat `degraded`, LIVE-12). */
  degraded?: Degraded | null
}

export type StaleReason = 'disconnected' | 'silent' | 'unanswered'

export interface Freshness {
  stale: boolean
  reason: StaleReason | null
  /** Since when the data has not been confirmed current (ms epoch). */
  since: number
  /** Whole seconds since the last message; null when nothing ever arrived. */
  ageSeconds: number | null
  /**
   * Updates arrive, but the server knows they may miss committed events (its log was away, or it
   * is recounting): not LIVE, and shown apart from stale. Null when complete, or when stale anyway.
   */
  incomplete: { since: number; reason: DegradedReason } | null
}

export function freshness({ now, lastMessageAt, connected, startedAt, unanswered = false, degraded = null }: FreshnessInput, staleAfterMs = STALE_AFTER_MS): Freshness {
  const since = lastMessageAt ?? startedAt
  const ageSeconds = lastMessageAt === null ? null : Math.max(0, Math.floor((now - lastMessageAt) / 1000))
  if (!connected && (lastMessageAt !== null || now - startedAt >= 5_000)) {
    return { stale: true, reason: 'disconnected', since, ageSeconds, incomplete: null }
  }
  if (unanswered) return { stale: true, reason: 'unanswered', since, ageSeconds, incomplete: null }
  if (now - since >= staleAfterMs) return { stale: true, reason: 'silent', since, ageSeconds, incomplete: null }
  const incomplete = degraded ? { since: Date.parse(degraded.since), reason: degraded.reason } : null
  return { stale: false, reason: null, since, ageSeconds, incomplete }
}
