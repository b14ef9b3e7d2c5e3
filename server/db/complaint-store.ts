/**
 * The complaint lifecycle in PostgreSQL (LIFE-2, LIFE-4): loads and locks the states a batch of
 * changes touches, lets the pure rules (core/lifecycle.ts) decide each change in order, and saves
 * states and history in the same transaction. Exactly once: a change already kept, or twice in one
 * batch, is a duplicate and changes nothing.
 */
import { applyStatusChange, type ComplaintState, type LifecycleStatus } from '../core/lifecycle'
import type { Database, Queryable } from './database'
import { namedQuery } from './queries'

export interface ChangeRequest {
  /** The complaint's event id. */
  id: string
  status: LifecycleStatus
  at: Date
  unit: string | null
  note: string | null
}

export type ChangeOutcome =
  | { kind: 'applied' | 'duplicate'; state: ComplaintState }
  | { kind: 'unknown' }
  | { kind: 'refused'; field: 'status' | 'at' | 'unit'; reason: string }

interface StateRow {
  id: string
  received_at: Date
  status: LifecycleStatus
  status_at: Date
  assigned_unit: string | null
  sla_hours: number
  due_at: Date
  clock_stopped_at: Date | null
  first_resolved_at: Date | null
  resolved_on_time: boolean | null
}

const date = (value: Date | string | null) => (value === null ? null : new Date(value))

function toState(row: StateRow): ComplaintState {
  return {
    receivedAt: new Date(row.received_at),
    status: row.status,
    statusAt: new Date(row.status_at),
    assignedUnit: row.assigned_unit,
    slaHours: Number(row.sla_hours),
    dueAt: new Date(row.due_at),
    clockStoppedAt: date(row.clock_stopped_at),
    firstResolvedAt: date(row.first_resolved_at),
    resolvedOnTime: row.resolved_on_time,
  }
}

const changeKey = (id: string, status: string, at: Date) => `${id}|${status}|${at.getTime()}`

export interface ChangeContext {
  /** Who makes the changes: the producer's source until people log in. */
  actor: string
  now: Date
  /** How far ahead of `now` a producer's clock may run (MAX_FUTURE_SKEW_MS, as for events). */
  skewMs: number
}

/** Decides and saves `changes` in order, in one transaction; one outcome per change. */
export function changeStatuses(db: Database, changes: readonly ChangeRequest[], context: ChangeContext): Promise<ChangeOutcome[]> {
  if (changes.length === 0) return Promise.resolve([])
  return db.transaction((tx) => decideAndSave(tx, changes, context))
}

async function decideAndSave(tx: Queryable, changes: readonly ChangeRequest[], context: ChangeContext): Promise<ChangeOutcome[]> {
  const ids = [...new Set(changes.map((c) => c.id))]
  const states = new Map((await tx.query<StateRow>(namedQuery('complaint-lock'), [ids])).rows.map((row) => [row.id, toState(row)]))
  const known = await tx.query<{ id: string; status: string; at: Date }>(namedQuery('complaint-changes-known'), [
    changes.map((c) => c.id),
    changes.map((c) => c.status),
    changes.map((c) => c.at.toISOString()),
  ])
  const kept = new Set(known.rows.map((row) => changeKey(row.id, row.status, new Date(row.at))))
  const touched = new Set<string>()
  const history: Array<ChangeRequest> = []
  const outcomes = changes.map((change): ChangeOutcome => {
    const state = states.get(change.id)
    if (!state) return { kind: 'unknown' }
    const key = changeKey(change.id, change.status, change.at)
    if (kept.has(key)) return { kind: 'duplicate', state }
    const result = applyStatusChange(state, change, context.now, context.skewMs)
    if (!result.ok) return { kind: 'refused', field: result.field, reason: result.reason }
    kept.add(key)
    states.set(change.id, result.state)
    touched.add(change.id)
    history.push(change)
    return { kind: 'applied', state: result.state }
  })
  if (history.length > 0) await save(tx, [...touched].map((id) => [id, states.get(id)!] as const), history, context)
  return outcomes
}

async function save(tx: Queryable, states: ReadonlyArray<readonly [string, ComplaintState]>, history: readonly ChangeRequest[], context: ChangeContext) {
  const iso = (value: Date | null) => value?.toISOString() ?? null
  const recordedAt = context.now.toISOString()
  await tx.query(namedQuery('complaint-save'), [
    states.map(([id]) => id),
    states.map(([, s]) => s.status),
    states.map(([, s]) => s.statusAt.toISOString()),
    states.map(([, s]) => s.assignedUnit),
    states.map(([, s]) => s.dueAt.toISOString()),
    states.map(([, s]) => iso(s.clockStoppedAt)),
    states.map(([, s]) => iso(s.firstResolvedAt)),
    states.map(([, s]) => s.resolvedOnTime),
    history.map((c) => c.id),
    history.map((c) => c.status),
    history.map((c) => c.at.toISOString()),
    history.map(() => recordedAt),
    history.map(() => context.actor),
    history.map((c) => c.unit),
    history.map((c) => c.note),
  ])
}

/** Event ids of the complaints `source` filed under `sourceIds`. */
export async function complaintIdsBySource(db: Queryable, source: string, sourceIds: readonly string[]): Promise<Map<string, string>> {
  if (sourceIds.length === 0) return new Map()
  const { rows } = await db.query<{ id: string; source_id: string }>(namedQuery('complaint-ids-by-source'), [source, [...new Set(sourceIds)]])
  return new Map(rows.map((row) => [row.source_id, row.id]))
}

export type RatingOutcome =
  | { kind: 'rated' }
  | { kind: 'unknown' }
  | { kind: 'not_resolved'; status: LifecycleStatus }
  | { kind: 'already_rated'; ratedAt: Date }

/** A rating, once per resolved or closed complaint (LIFE-4). */
export async function rateComplaint(db: Queryable, id: string, score: number, comment: string | null, now: Date): Promise<RatingOutcome> {
  const rated = await db.query(namedQuery('complaint-rate'), [id, score, comment, now.toISOString()])
  if (rated.rows.length > 0) return { kind: 'rated' }
  const { rows } = await db.query<{ status: LifecycleStatus; rated_at: Date | null }>(namedQuery('complaint-rating-state'), [id])
  const row = rows[0]
  if (!row) return { kind: 'unknown' }
  if (row.rated_at !== null) return { kind: 'already_rated', ratedAt: new Date(row.rated_at) }
  return { kind: 'not_resolved', status: row.status }
}
