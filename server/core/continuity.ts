/**
 * Whether one node's windows still hold every committed event (LIVE-12). Pure: the live server
 * tells it what happened to the shared log and when; it answers whether the node is degraded,
 * whether a log entry is new, a duplicate or follows a gap, and when a recount from the database
 * is due.
 */
import type { Degraded, DegradedReason } from './protocol'

/** Origins remembered for duplicate and gap detection: every node start is a new origin. */
const MAX_ORIGINS = 1000
/** A recount that failed (the database away too) is due again after this long. */
export const RESYNC_RETRY_MS = 5000

export type BatchOrder = 'next' | 'duplicate' | 'gap'

export class Continuity {
  private readonly lastOfOrigin = new Map<string, number>()
  private logLostAt: number | null = null
  private publishFailingAt: number | null = null
  private gapAt: number | null = null
  private resyncDue = false
  private resyncing = false
  private resyncFailedAt = -Infinity
  private episodeStart: number | null = null

  /**
   * Places batch `n` of `origin` (numbered from 1 by its publisher, MULTI-5): a publish retried
   * after a lost reply appears twice in the log (`duplicate`: not to be counted again); a number
   * skipped means entries were lost (`gap`: counted, and a recount is due). An origin seen for the
   * first time starts where it is: what came before is in the database (LIVE-5).
   */
  batch(origin: string, n: number, at: number): BatchOrder {
    const last = this.lastOfOrigin.get(origin)
    if (last !== undefined && n <= last) return 'duplicate'
    this.lastOfOrigin.delete(origin)
    this.lastOfOrigin.set(origin, n)
    if (this.lastOfOrigin.size > MAX_ORIGINS) this.lastOfOrigin.delete(this.lastOfOrigin.keys().next().value!)
    if (last === undefined || n === last + 1) return 'next'
    this.begin(at)
    this.gapAt ??= at
    this.resyncDue = true
    return 'gap'
  }

  /** The log cannot be read: entries may be passing this node by. */
  logLost(at: number): void {
    this.begin(at)
    this.logLostAt ??= at
  }

  /** The log can be read again: what passed meanwhile is recounted from the database. */
  logRestored(): void {
    if (this.logLostAt === null) return
    this.logLostAt = null
    this.resyncDue = true
  }

  /** A committed batch of this node could not be published; it is retried in order. */
  publishFailing(at: number): void {
    this.begin(at)
    this.publishFailingAt ??= at
  }

  /** Every batch this node committed is in the log. */
  publishDrained(): void {
    this.publishFailingAt = null
    this.end()
  }

  /** True once when a recount should start at `at`: one is due, the log can be read, and a failed one is not too recent. */
  takeResync(at: number): boolean {
    if (!this.resyncDue || this.resyncing || this.logLostAt !== null || at - this.resyncFailedAt < RESYNC_RETRY_MS) return false
    this.resyncDue = false
    this.resyncing = true
    return true
  }

  /** The recount started at `at` ended; a failed one is due again `RESYNC_RETRY_MS` after it. */
  resyncEnded(succeeded: boolean, at: number): void {
    this.resyncing = false
    if (succeeded) {
      if (!this.resyncDue) this.gapAt = null
      this.resyncFailedAt = -Infinity
    } else {
      this.resyncDue = true
      this.resyncFailedAt = at
    }
    this.end()
  }

  /** The most pressing reason, since the episode began; null when the view is complete. */
  degraded(): Degraded | null {
    const reason = this.reason()
    if (reason === null || this.episodeStart === null) return null
    return { since: new Date(this.episodeStart).toISOString(), reason }
  }

  private reason(): DegradedReason | null {
    if (this.logLostAt !== null) return 'log_unavailable'
    if (this.publishFailingAt !== null) return 'publish_pending'
    if (this.gapAt !== null && !this.resyncing) return 'log_gap'
    if (this.resyncDue || this.resyncing) return 'resyncing'
    return null
  }

  private begin(at: number): void {
    this.episodeStart ??= at
  }

  private end(): void {
    if (this.reason() === null) this.episodeStart = null
  }
}
