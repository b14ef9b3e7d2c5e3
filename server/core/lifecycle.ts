/**
 * The complaint lifecycle (LIFE-1…LIFE-4): which status may follow which, and what each change does
 * to the SLA clock. Pure: the state and the change come in, the next state or the reason it is
 * refused goes out. Stores and routes only load, call and save.
 */

export const LIFECYCLE_STATUSES = ['received', 'assigned', 'in_progress', 'resolved', 'closed', 'reopened', 'rejected'] as const
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number]

/** How far along the normal path a status is; a feed may skip steps forward, never go back. */
const STEP: Record<LifecycleStatus, number> = { received: 0, reopened: 0, assigned: 1, in_progress: 2, resolved: 3, closed: 4, rejected: 5 }

/** Statuses during which the clock stands still. */
const STOPPED: ReadonlySet<LifecycleStatus> = new Set(['resolved', 'closed', 'rejected'])

/** Open in GeoReport v2's sense and in the backlog: neither resolved, closed nor rejected. */
export const isOpen = (status: LifecycleStatus): boolean => !STOPPED.has(status)

export const isResolution = (status: LifecycleStatus): boolean => status === 'resolved' || status === 'closed'

const HOUR_MS = 3_600_000

/** A complaint's lifecycle as stored (table `complaint`). */
export interface ComplaintState {
  receivedAt: Date
  status: LifecycleStatus
  statusAt: Date
  assignedUnit: string | null
  slaHours: number
  dueAt: Date
  clockStoppedAt: Date | null
  firstResolvedAt: Date | null
  resolvedOnTime: boolean | null
}

export interface StatusChange {
  status: LifecycleStatus
  at: Date
  unit: string | null
}

export type TransitionResult = { ok: true; state: ComplaintState } | { ok: false; field: 'status' | 'at' | 'unit'; reason: string }

/** A new complaint's state: its clock starts when it was received (LIFE-3). */
export function receivedState(receivedAt: Date, slaHours: number): ComplaintState {
  return {
    receivedAt,
    status: 'received',
    statusAt: receivedAt,
    assignedUnit: null,
    slaHours,
    dueAt: new Date(receivedAt.getTime() + slaHours * HOUR_MS),
    clockStoppedAt: null,
    firstResolvedAt: null,
    resolvedOnTime: null,
  }
}

function refusedStep(from: LifecycleStatus, to: LifecycleStatus): string | null {
  if (to === 'received') return `a complaint cannot go back to received (it is ${from}); send reopened to open it again`
  if (from === 'rejected') return 'the complaint was rejected, which is final'
  if (to === 'reopened') return from === 'resolved' || from === 'closed' ? null : `only a resolved or closed complaint can be reopened; it is ${from}`
  if (to === 'rejected') return STOPPED.has(from) ? `a ${from} complaint cannot be rejected; reopen it first` : null
  if (to === 'assigned' && from === 'assigned') return null // reassignment to another unit
  if (STEP[to] <= STEP[from]) return `${from} → ${to} goes back or stands still; the order is received → assigned → in_progress → resolved → closed (reopened after resolved or closed)`
  return null
}

/**
 * The state after `change`, or why it is refused. `now` bounds `at` (producers' clocks may run
 * `skewMs` ahead, as for events).
 */
export function applyStatusChange(state: ComplaintState, change: StatusChange, now: Date, skewMs: number): TransitionResult {
  const at = change.at.getTime()
  if (at - now.getTime() > skewMs) return { ok: false, field: 'at', reason: `${change.at.toISOString()} is in the future; a change takes effect now or in the past` }
  if (at < state.receivedAt.getTime()) {
    return { ok: false, field: 'at', reason: `${change.at.toISOString()} is before the complaint was received (${state.receivedAt.toISOString()})` }
  }
  if (at < state.statusAt.getTime()) {
    return { ok: false, field: 'at', reason: `${change.at.toISOString()} is before the complaint's last change (${state.status} at ${state.statusAt.toISOString()})` }
  }
  const refused = refusedStep(state.status, change.status)
  if (refused) return { ok: false, field: 'status', reason: refused }
  if (change.status === 'assigned' && !change.unit) return { ok: false, field: 'unit', reason: 'is required with status assigned: the unit the complaint is assigned to' }

  const next: ComplaintState = { ...state, status: change.status, statusAt: change.at }
  if (change.unit) next.assignedUnit = change.unit
  const stops = STOPPED.has(change.status)
  if (stops && state.clockStoppedAt === null) next.clockStoppedAt = change.at
  if (!stops && state.clockStoppedAt !== null) {
    // LIFE-3: the clock runs on from where it stopped — the deadline moves by the time it stood still.
    next.dueAt = new Date(state.dueAt.getTime() + (at - state.clockStoppedAt.getTime()))
    next.clockStoppedAt = null
  }
  if (isResolution(change.status) && state.firstResolvedAt === null) {
    next.firstResolvedAt = change.at
    next.resolvedOnTime = at <= state.dueAt.getTime()
  }
  return { ok: true, state: next }
}

/** Overdue now: the clock runs and the deadline has passed (LIFE-3). */
export function isOverdue(state: Pick<ComplaintState, 'clockStoppedAt' | 'dueAt'>, now: Date): boolean {
  return state.clockStoppedAt === null && now.getTime() > state.dueAt.getTime()
}

/**
 * The state of a complaint that arrives already at `status` (LIFE-5): received when it occurred,
 * then that status from `statusAt`, steps skipped. A resolution dated before the complaint was
 * received is kept as sent — the record is invalid, counted as such and left out of speed figures
 * (LIFE-6) — with its clock stopped at receipt so no duration comes out negative.
 */
export function ingestedState(receivedAt: Date, slaHours: number, status: Exclude<LifecycleStatus, 'reopened'>, statusAt: Date): ComplaintState {
  const state = receivedState(receivedAt, slaHours)
  if (status === 'received') return state
  if (statusAt.getTime() < receivedAt.getTime()) {
    const stops = STOPPED.has(status)
    return {
      ...state,
      status,
      clockStoppedAt: stops ? receivedAt : null,
      firstResolvedAt: isResolution(status) ? statusAt : null,
    }
  }
  const next = applyStatusChange(state, { status, at: statusAt, unit: null }, statusAt, 0)
  if (next.ok) return next.state
  // Only `assigned` without a unit is refused here: arriving assigned, the unit is unknown.
  return { ...state, status, statusAt }
}
