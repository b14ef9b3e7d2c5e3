/**
 * The built-in simulator loop: backfills the last hours so a fresh screen has a city to show,
 * then every tick ingests the scenario events whose time has come. It never throws into the
 * process: a failing ingest is logged, retried with back-off, and finally skipped.
 */
import type { Clock } from '../core/clock'
import { loadCategories } from '../categories-file'
import { planLifecycle, type PlannedChange, type PlannedRating } from './lifecycle-plan'
import { categoriesWithTexts, DEFAULT_RATE_PER_MINUTE, scenarioEvents, type RawEvent, type ScenarioCategory, type ScenarioOptions } from './scenario'

/** Narrower than `object` so the server's own Log (server/log.ts) can be passed as is. */
export type SimulatorLog = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void

/** A status feed line as POST /api/v1/complaints/status takes it (LIFE-2). */
export interface StatusLine {
  source_id: string
  status: PlannedChange['status']
  at: string
  unit?: string
}

export interface SimulatorDeps {
  ingest: (raw: unknown[]) => Promise<unknown>
  /**
   * Where the complaints' lifecycles go once their time has come (LIFE-2, LIFE-4): without it the
   * simulated complaints stay received.
   */
  lifecycle?: {
    /** The hours each complaint is given (core/sla.ts): the plan resolves most within them. */
    slaHours: (category: string) => number
    changeStatuses: (lines: StatusLine[]) => Promise<unknown>
    rate: (ratings: PlannedRating[]) => Promise<unknown>
  }
  clock: Clock
  log: SimulatorLog
  /** Peak events per minute on an ordinary day (the afternoon shower adds up to 45 %). */
  ratePerMinute?: number
  /** Same seed, same events and source_ids: a restart re-sends duplicates, not new events. */
  seed?: number
  backfillHours?: number
  /** Defaults to data/categories.json. */
  categories?: readonly ScenarioCategory[]
  /** Events per ingest call. */
  batchSize?: number
  /** Tick period and the unit of the retry back-off; tests shorten it. */
  tickMs?: number
}

export interface Simulator {
  /** Settles when the backfill is done (or abandoned by stop()); the live ticks follow. */
  backfilled: Promise<void>
  /** Settles when the tick loop has ended: after it, nothing more is sent. */
  ended: Promise<void>
  /** Stops ticking and waits for the ingest call in flight (at most STOP_GRACE_TICKS ticks). */
  stop(): Promise<void>
}

/** Who the built-in simulator writes as: its events are filed under this source (ING-8). */
export const SIMULATOR_SOURCE = 'simulator'
export const DEFAULT_SEED = 1022
export const DEFAULT_BACKFILL_HOURS = 24
export const DEFAULT_BATCH_SIZE = 2000
const DEFAULT_TICK_MS = 1000
const MAX_ATTEMPTS = 5
const MAX_BACKOFF_TICKS = 30
const STOP_GRACE_TICKS = 10
/** A tick after a long stall (a suspended laptop) catches up at most this much, newest last. */
const MAX_CATCH_UP_MS = 3_600_000
const HOUR_MS = 3_600_000

export function startSimulator(deps: SimulatorDeps): Simulator {
  const tickMs = positive(deps.tickMs ?? DEFAULT_TICK_MS, 'tickMs')
  const batchSize = Math.floor(positive(deps.batchSize ?? DEFAULT_BATCH_SIZE, 'batchSize'))
  const backfillMs = nonNegative(deps.backfillHours ?? DEFAULT_BACKFILL_HOURS, 'backfillHours') * HOUR_MS
  const rate = positive(deps.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE, 'ratePerMinute')
  const seed = deps.seed ?? DEFAULT_SEED
  const { log, clock } = deps
  const stopping = new AbortController()
  const signal = stopping.signal
  let markBackfilled: () => void = () => {}
  const backfilled = new Promise<void>((resolve) => (markBackfilled = resolve))

  /** Planned changes and ratings not yet due, of the complaints sent so far. */
  let pending: Array<PlannedChange | (PlannedRating & { status: 'rating' })> = []

  function plan(batch: readonly RawEvent[]): void {
    const lifecycle = deps.lifecycle
    if (!lifecycle) return
    for (const event of batch) {
      if (event.kind !== 'complaint' || event.category === undefined) continue
      const { changes, rating } = planLifecycle(seed, event.source_id, Date.parse(event.occurred_at), lifecycle.slaHours(event.category))
      pending.push(...changes)
      if (rating) pending.push({ ...rating, status: 'rating' })
    }
  }

  /** Sends the changes and ratings due by `now`, oldest first; a failure is logged and they are dropped (the next restart replays them). */
  async function advanceLifecycles(now: number): Promise<void> {
    const lifecycle = deps.lifecycle
    if (!lifecycle || pending.length === 0) return
    const due = pending.filter((p) => p.at <= now).sort((a, b) => a.at - b.at)
    if (due.length === 0) return
    pending = pending.filter((p) => p.at > now)
    const lines: StatusLine[] = []
    const ratings: PlannedRating[] = []
    for (const item of due) {
      if (item.status === 'rating') ratings.push({ sourceId: item.sourceId, at: item.at, score: item.score })
      else lines.push({ source_id: item.sourceId, status: item.status, at: new Date(item.at).toISOString(), ...(item.unit ? { unit: item.unit } : {}) })
    }
    try {
      for (let i = 0; i < lines.length; i += batchSize) await lifecycle.changeStatuses(lines.slice(i, i + batchSize))
      if (ratings.length > 0) await lifecycle.rate(ratings)
    } catch (error) {
      log('warn', `simulator: ${due.length} complaint updates not sent`, { error: error instanceof Error ? error.message : String(error) })
    }
  }

  async function send(batch: RawEvent[]): Promise<void> {
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        await deps.ingest(batch)
        plan(batch)
        return
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        if (attempt >= MAX_ATTEMPTS) {
          log('error', `simulator dropped ${batch.length} events after ${attempt} failed ingest attempts`, { dropped: batch.length, error: reason })
          return
        }
        const backoffMs = Math.min(tickMs * 2 ** (attempt - 1), tickMs * MAX_BACKOFF_TICKS)
        log('warn', `simulator ingest failed; retrying in ${backoffMs} ms`, { attempt, events: batch.length, error: reason })
        await sleep(backoffMs, signal)
      }
    }
  }

  /** Sends the events of [from, to) in batches; returns how many were handed to ingest. */
  async function emit(options: ScenarioOptions, from: number, to: number): Promise<number> {
    let sent = 0
    let batch: RawEvent[] = []
    for (const event of scenarioEvents(new Date(from), new Date(to), options)) {
      batch.push(event)
      if (batch.length >= batchSize) {
        await send(batch)
        if (signal.aborted) return sent
        sent += batch.length
        batch = []
      }
    }
    if (batch.length > 0 && !signal.aborted) {
      await send(batch)
      sent += batch.length
    }
    return sent
  }

  async function run(): Promise<void> {
    let options: ScenarioOptions
    try {
      options = { seed, ratePerMinute: rate, categories: deps.categories ?? loadCategories() }
      // Fail here, once, rather than on every tick, if no category has texts.
      categoriesWithTexts(options.categories)
    } catch (error) {
      log('error', `simulator not started: ${(error as Error).message}`)
      markBackfilled()
      return
    }
    const startedAt = clock.now().getTime()
    if (backfillMs > 0) {
      const began = performance.now()
      let total = 0
      log('info', `simulator backfilling the last ${backfillMs / HOUR_MS} h`, { seed, ratePerMinute: rate })
      // Newest hour first: the 1 h window of a fresh screen fills within seconds, the 24 h one after.
      for (let end = startedAt; end > startedAt - backfillMs && !signal.aborted; end -= HOUR_MS) {
        total += await emit(options, Math.max(startedAt - backfillMs, end - HOUR_MS), end)
      }
      log('info', `simulator backfilled ${total} events`, { seconds: Math.round((performance.now() - began) / 100) / 10 })
    }
    await advanceLifecycles(startedAt)
    markBackfilled()
    let cursor = startedAt
    while (!signal.aborted) {
      await sleep(tickMs, signal)
      const now = clock.now().getTime()
      if (signal.aborted || now <= cursor) continue
      const to = Math.min(now, cursor + MAX_CATCH_UP_MS)
      await emit(options, cursor, to)
      cursor = to
      await advanceLifecycles(to)
    }
  }

  const done = run().catch((error: unknown) => {
    log('error', 'simulator stopped unexpectedly', { error: error instanceof Error ? error.message : String(error) })
  })
  return {
    backfilled,
    ended: done,
    async stop() {
      stopping.abort()
      // An ingest that hangs must not hang the shutdown with it.
      const grace = new AbortController()
      await Promise.race([done, sleep(tickMs * STOP_GRACE_TICKS, grace.signal)])
      grace.abort()
      markBackfilled()
    },
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const finish = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', finish)
      resolve()
    }
    const timer = setTimeout(finish, ms)
    signal.addEventListener('abort', finish, { once: true })
  })
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`simulator ${name} must be a positive number, got ${value}`)
  return value
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`simulator ${name} must be 0 or more, got ${value}`)
  return value
}
