/**
 * The one intake (ING-4, ING-5, ING-8): validate → check unit codes → store in batches → count
 * what happened to every line. The ingest route, Open311 POST, the simulator and the bench all use
 * it, each naming the producer it writes for: `source` is the producer's (its API key's), and
 * every event taken is filed under it.
 */
import type { Clock } from '../core/clock'
import { createEventValidator, type EventValidator, type NewEvent, type Rejection } from '../core/event'
import type { Database } from '../db/database'
import type { IngestMetrics } from '../metrics'
import { namedQuery } from '../db/queries'
import { STATEMENT_ROWS } from './event-ingestor'
import type { IngestResult, Ingestor } from './ingestor'
import type { StoredEvent } from './stored-event'

export interface LineRejection extends Rejection {
  line: number
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
  ingestor: Ingestor
  /** Known category codes. */
  categories: ReadonlySet<string>
  clock: Clock
  /** Events per stored batch (tests use small batches to exercise several). */
  batchRows?: number
  /** Counts rejected lines; accepted and duplicates are counted by the ingestor once committed. */
  metrics?: IngestMetrics
}

/** One event's fate: `stored` is null when it was already stored (same source and source_id). */
export type SingleIntake = { ok: true; event: NewEvent; stored: StoredEvent | null } | ({ ok: false } & Rejection)

/** Every method takes `source`, the producer's: the one its events are filed under. */
export interface Intake {
  /** For events as they arrive (a streamed body): good ones are stored in batches, bad ones reported by line. */
  open(source: string): IntakeRun
  /** All or nothing, in one transaction: `read` feeds the run; any rejection stores nothing. */
  atomically(source: string, read: (run: IntakeRun) => Promise<void>): Promise<IntakeSummary>
  /** A batch already in memory (simulator, bench): item n is reported as line n. */
  ingestBatch(source: string, raw: readonly unknown[]): Promise<IntakeSummary>
  /** One event with its personal fields (Open311 POST). */
  ingestOne(source: string, raw: unknown, contact: Record<string, string> | null): Promise<SingleIntake>
}

class AtomicRejection extends Error {}

export function createIntake(deps: IntakeDeps): Intake {
  // Built once: the schema is compiled on creation, and validation is on the hot path.
  const validate = createEventValidator({ categories: deps.categories, now: () => deps.clock.now() })
  const run = (source: string, store: Store, atomic: boolean) =>
    new IntakeRun({ source, validate, db: deps.db, store, atomic, batchRows: deps.batchRows ?? STATEMENT_ROWS, ...(deps.metrics ? { metrics: deps.metrics } : {}) })
  const storeNow: Store = (events) => deps.ingestor.ingest(events)

  return {
    open: (source) => run(source, storeNow, false),
    async atomically(source, read) {
      let summary: IntakeSummary | undefined
      try {
        await deps.ingestor.ingestAtomically(async (store) => {
          const intake = run(source, store, true)
          await read(intake)
          summary = await intake.finish()
          if (summary.rejectedTotal > 0) throw new AtomicRejection() // rolls the transaction back
        })
      } catch (error) {
        if (!(error instanceof AtomicRejection)) throw error
        return { ...summary!, accepted: 0, duplicates: 0 }
      }
      return summary!
    },
    async ingestBatch(source, raw) {
      const intake = run(source, storeNow, false)
      for (let i = 0; i < raw.length; i++) await intake.add(i + 1, raw[i])
      return intake.finish()
    },
    async ingestOne(source, raw, contact) {
      const result = validate(raw, source)
      if (!result.ok) {
        deps.metrics?.rejected(source, result.field)
        return result
      }
      const unit = result.event.unit
      if (unit !== null && (await unknownUnits(deps.db, [unit])).has(unit)) {
        deps.metrics?.rejected(source, 'unit')
        return { ok: false, field: 'unit', reason: unknownUnit(unit) }
      }
      const { stored } = await deps.ingestor.ingest([{ ...result.event, contact }])
      return { ok: true, event: result.event, stored: stored[0] ?? null }
    },
  }
}

type Store = (events: readonly NewEvent[]) => Promise<IngestResult>

interface RunDeps {
  /** The producer's source: lines are validated as its own, and its rejections counted under it. */
  source: string
  validate: EventValidator
  db: Database
  /** Where validated batches go: the ingestor, or one transaction's store in atomic mode. */
  store: Store
  /** Atomic mode stops storing at the first rejection and reports every line. */
  atomic: boolean
  batchRows: number
  /** Counts rejected lines; accepted and duplicates are counted by the ingestor once committed. */
  metrics?: IngestMetrics
}

/** One request's (or batch's) worth of lines, counted. */
export class IntakeRun {
  private batch: Array<{ line: number; event: NewEvent }> = []
  private inFlight: Promise<void>[] = []
  /** The first batch that failed to store: batches in flight never reject on their own (no unhandled rejection). */
  private failure: { error: unknown } | null = null
  private readonly summary: IntakeSummary = { accepted: 0, duplicates: 0, rejected: [], rejectedTotal: 0 }

  constructor(private readonly deps: RunDeps) {}

  /** Validates one line; resolves once there is room for more (backpressure on the reader). */
  async add(line: number, raw: unknown): Promise<void> {
    const result = this.deps.validate(raw, this.deps.source)
    if (!result.ok) {
      this.reject({ line, field: result.field, reason: result.reason })
      return
    }
    this.batch.push({ line, event: result.event })
    if (this.batch.length >= this.deps.batchRows) await this.flush()
  }

  reject(rejection: LineRejection): void {
    this.deps.metrics?.rejected(this.deps.source, rejection.field)
    this.summary.rejectedTotal++
    if (this.summary.rejected.length < MAX_REPORTED_REJECTIONS) this.summary.rejected.push(rejection)
  }

  /** Stores what is left and waits for every batch; throws if storing failed. */
  async finish(): Promise<IntakeSummary> {
    await this.flush()
    await Promise.all(this.inFlight)
    this.throwIfFailed()
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
    this.throwIfFailed()
    if (this.deps.atomic) {
      await this.storeBatch(batch) // one transaction: one statement at a time
      return
    }
    // Caught at once: a batch that fails while the reader waits elsewhere must not become an
    // unhandled rejection (it would end the process); the next add() or finish() throws it.
    this.inFlight.push(this.storeBatch(batch).catch((error: unknown) => void (this.failure ??= { error })))
    if (this.inFlight.length >= MAX_BATCHES_IN_FLIGHT) await this.inFlight.shift()
    this.throwIfFailed()
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error
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
    const unknown = await unknownUnits(this.deps.db, units)
    if (unknown.size === 0) return batch
    return batch.filter(({ line, event }) => {
      if (event.unit === null || !unknown.has(event.unit)) return true
      this.reject({ line, field: 'unit', reason: unknownUnit(event.unit) })
      return false
    })
  }
}

async function unknownUnits(db: Database, units: string[]): Promise<Set<string>> {
  return new Set((await db.query<{ code: string }>(namedQuery('unknown-units'), [units])).rows.map((r) => r.code))
}

const unknownUnit = (unit: string) => `"${unit}" is not a known boundary code (GET /api/v1/boundaries lists them)`
