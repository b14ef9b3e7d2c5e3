import type { Clock } from '../core/clock'
import { createEventValidator, type NewEvent, type Validation } from '../core/event'
import type { Database } from '../db/database'
import { namedQuery } from '../db/queries'
import { STATEMENT_ROWS } from './event-ingestor'
import type { IngestResult } from './ingestor'

export interface LineRejection {
  line: number
  field: string
  reason: string
}

export interface IntakeSummary {
  accepted: number
  duplicates: number
  /** The first MAX_REPORTED_REJECTIONS rejections, in line order. */
  rejected: LineRejection[]
  rejectedTotal: number
}

/** A 50 MB body of bad lines must not make a 50 MB answer. */
export const MAX_REPORTED_REJECTIONS = 1000
/** Parsing the next batch while the database stores the previous one uses both cores. */
const MAX_BATCHES_IN_FLIGHT = 2

export interface IntakeDeps {
  db: Database
  categories: ReadonlySet<string>
  clock: Clock
  /** Where validated batches go: the ingestor, or one transaction's store in atomic mode. */
  store: (events: readonly NewEvent[]) => Promise<IngestResult>
  /** Atomic mode stops storing at the first rejection and reports every line. */
  atomic?: boolean
  /** Events per stored batch (tests use small batches to exercise several). */
  batchRows?: number
}

/**
 * Turns a stream of raw producer lines into stored events: validate each line, check unit codes
 * against the boundaries, store in batches, and count what happened to every line.
 */
export class Intake {
  private batch: Array<{ line: number; event: NewEvent }> = []
  private inFlight: Promise<void>[] = []
  private readonly summary: IntakeSummary = { accepted: 0, duplicates: 0, rejected: [], rejectedTotal: 0 }
  private readonly batchRows: number
  private readonly validate: (raw: unknown) => Validation

  constructor(private readonly deps: IntakeDeps) {
    this.batchRows = deps.batchRows ?? STATEMENT_ROWS
    this.validate = createEventValidator({ categories: deps.categories, now: () => deps.clock.now() })
  }

  /** Validates one line; resolves once there is room for more (backpressure on the reader). */
  async add(line: number, raw: unknown): Promise<void> {
    const result = this.validate(raw)
    if (!result.ok) {
      this.reject({ line, field: result.field, reason: result.reason })
      return
    }
    this.batch.push({ line, event: result.event })
    if (this.batch.length >= this.batchRows) await this.flush()
  }

  reject(rejection: LineRejection): void {
    this.summary.rejectedTotal++
    if (this.summary.rejected.length < MAX_REPORTED_REJECTIONS) this.summary.rejected.push(rejection)
  }

  /** Stores what is left and waits for every batch; throws if storing failed. */
  async finish(): Promise<IntakeSummary> {
    await this.flush()
    await Promise.all(this.inFlight)
    this.summary.rejected.sort((a, b) => a.line - b.line)
    return this.summary
  }

  /** Counts so far, for an answer cut short (body over the limit, database gone). */
  partial(): IntakeSummary {
    return { ...this.summary, rejected: [...this.summary.rejected].sort((a, b) => a.line - b.line) }
  }

  private async flush(): Promise<void> {
    const batch = this.batch
    this.batch = []
    if (batch.length === 0) return
    const task = this.storeBatch(batch)
    if (this.deps.atomic) {
      await task // one transaction: one statement at a time
      return
    }
    this.inFlight.push(task)
    if (this.inFlight.length >= MAX_BATCHES_IN_FLIGHT) await this.inFlight.shift()
  }

  private async storeBatch(batch: Array<{ line: number; event: NewEvent }>): Promise<void> {
    const accepted = await this.withKnownUnits(batch)
    if (this.deps.atomic && this.summary.rejectedTotal > 0) return
    if (accepted.length === 0) return
    const result = await this.deps.store(accepted.map((b) => b.event))
    this.summary.accepted += result.stored.length
    this.summary.duplicates += result.duplicates
  }

  /** A `unit` must name a boundary that exists; the lines that do not are rejected. */
  private async withKnownUnits(batch: Array<{ line: number; event: NewEvent }>) {
    const units = [...new Set(batch.map((b) => b.event.unit).filter((u): u is string => u !== null))]
    if (units.length === 0) return batch
    const unknown = new Set((await this.deps.db.query<{ code: string }>(namedQuery('unknown-units'), [units])).rows.map((r) => r.code))
    if (unknown.size === 0) return batch
    return batch.filter(({ line, event }) => {
      if (event.unit === null || !unknown.has(event.unit)) return true
      this.reject({ line, field: 'unit', reason: `"${event.unit}" is not a known boundary code (GET /api/v1/boundaries lists them)` })
      return false
    })
  }
}
