/**
 * A producer's feed of status changes (LIFE-2): NDJSON lines `{source, source_id, status, at,
 * unit?, note?}` validated one by one, applied in batches, every line counted once as applied,
 * duplicate or rejected — as event ingest counts its lines (ING-5).
 */
import type { Clock } from '../core/clock'
import { parseStatusLine, statusLineSchema, type StatusLine } from '../core/complaint-input'
import { MAX_FUTURE_SKEW_MS } from '../core/event'
import { changeStatuses, complaintIdsBySource, type ChangeRequest } from '../db/complaint-store'
import type { Database } from '../db/database'
import { MAX_REPORTED_REJECTIONS, type LineRejection } from './intake'

export interface StatusFeedSummary {
  applied: number
  duplicates: number
  /** The first MAX_REPORTED_REJECTIONS rejections, in line order. */
  rejected: LineRejection[]
  rejectedTotal: number
}

/** Lines per transaction: one lock of the complaints they touch, one save. */
const BATCH_LINES = 1000

export interface StatusFeedDeps {
  db: Database
  clock: Clock
}

/** One request's lines from the producer writing as `source`. */
export class StatusFeedRun {
  private readonly schema: ReturnType<typeof statusLineSchema>
  private batch: Array<{ line: number; change: StatusLine }> = []
  private readonly summary: StatusFeedSummary = { applied: 0, duplicates: 0, rejected: [], rejectedTotal: 0 }

  constructor(
    private readonly deps: StatusFeedDeps,
    private readonly source: string,
  ) {
    this.schema = statusLineSchema(source)
  }

  async add(line: number, raw: unknown): Promise<void> {
    const parsed = parseStatusLine(this.schema, raw)
    if (!parsed.ok) return this.reject({ line, field: parsed.field, reason: parsed.reason })
    this.batch.push({ line, change: parsed.line })
    if (this.batch.length >= BATCH_LINES) await this.flush()
  }

  reject(rejection: LineRejection): void {
    this.summary.rejectedTotal++
    if (this.summary.rejected.length < MAX_REPORTED_REJECTIONS) this.summary.rejected.push(rejection)
  }

  async finish(): Promise<StatusFeedSummary> {
    await this.flush()
    return this.partial()
  }

  /** Counts so far, for an answer cut short (body over the limit, database gone). */
  partial(): StatusFeedSummary {
    return { ...this.summary, rejected: [...this.summary.rejected].sort((a, b) => a.line - b.line) }
  }

  private async flush(): Promise<void> {
    const batch = this.batch
    this.batch = []
    if (batch.length === 0) return
    const ids = await complaintIdsBySource(this.deps.db, this.source, batch.map((b) => b.change.sourceId))
    const found: Array<{ line: number; request: ChangeRequest }> = []
    for (const { line, change } of batch) {
      const id = ids.get(change.sourceId)
      if (id === undefined) this.reject({ line, field: 'source_id', reason: `no complaint "${change.sourceId}" from source "${this.source}" — send the event first` })
      else found.push({ line, request: { id, status: change.status, at: change.at, unit: change.unit, note: change.note } })
    }
    const outcomes = await changeStatuses(
      this.deps.db,
      found.map((f) => f.request),
      { actor: this.source, now: this.deps.clock.now(), skewMs: MAX_FUTURE_SKEW_MS },
    )
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'applied') this.summary.applied++
      else if (outcome.kind === 'duplicate') this.summary.duplicates++
      else if (outcome.kind === 'refused') this.reject({ line: found[i]!.line, field: outcome.field, reason: outcome.reason })
      else this.reject({ line: found[i]!.line, field: 'source_id', reason: `no complaint "${found[i]!.request.id}"` })
    })
  }
}
