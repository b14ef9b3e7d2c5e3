/**
 * What happens to each simulated complaint after it is received (LIFE-1): assigned, worked on,
 * resolved — most within the category's SLA hours, a quarter late — closed, sometimes reopened,
 * sometimes rejected, and rated by some citizens. Pure and keyed by the complaint's id, so a
 * restart plans the same changes and a replayed change is a duplicate, not a new one.
 */
import { chance, createRandom, hashInts, intBetween, type Random } from './prng'

export interface PlannedChange {
  sourceId: string
  status: 'assigned' | 'in_progress' | 'resolved' | 'closed' | 'reopened' | 'rejected'
  at: number
  unit?: string
}

export interface PlannedRating {
  sourceId: string
  at: number
  score: number
}

export interface LifecyclePlan {
  changes: PlannedChange[]
  rating: PlannedRating | null
}

const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000
const ON_TIME_SHARE = 0.75
const REJECTED_SHARE = 0.06
const REOPENED_SHARE = 0.04
const RATED_SHARE = 0.55
/** The ward's People's Committee takes most complaints; the rest go to the district's. */
const UNITS = ['ubnd-phuong', 'ubnd-phuong', 'ubnd-phuong', 'ubnd-quan']

const uniform = (r: Random, min: number, max: number) => min + (max - min) * r.next()

function keyOf(sourceId: string): number {
  let h = 0
  for (let i = 0; i < sourceId.length; i++) h = hashInts(h, sourceId.charCodeAt(i))
  return h
}

export function planLifecycle(seed: number, sourceId: string, receivedAt: number, slaHours: number): LifecyclePlan {
  const r = createRandom(seed, keyOf(sourceId), 311)
  const sla = slaHours * HOUR_MS
  const assignedAt = receivedAt + intBetween(r, 5, 60) * MINUTE_MS
  const changes: PlannedChange[] = [{ sourceId, status: 'assigned', at: assignedAt, unit: UNITS[intBetween(r, 0, UNITS.length - 1)]! }]
  if (chance(r, REJECTED_SHARE)) {
    changes.push({ sourceId, status: 'rejected', at: assignedAt + intBetween(r, 10, 240) * MINUTE_MS })
    return { changes, rating: null }
  }
  const onTime = chance(r, ON_TIME_SHARE)
  const resolvedAt = Math.max(assignedAt + 2 * MINUTE_MS, receivedAt + sla * (onTime ? uniform(r, 0.15, 0.95) : uniform(r, 1.05, 2.5)))
  changes.push({ sourceId, status: 'in_progress', at: assignedAt + (resolvedAt - assignedAt) * uniform(r, 0.1, 0.5) })
  changes.push({ sourceId, status: 'resolved', at: resolvedAt })
  let closedAt = resolvedAt + uniform(r, 1, 12) * HOUR_MS
  if (chance(r, REOPENED_SHARE)) {
    const reopenedAt = resolvedAt + uniform(r, 0.5, 1) * (closedAt - resolvedAt)
    changes.push({ sourceId, status: 'reopened', at: reopenedAt })
    const again = reopenedAt + sla * uniform(r, 0.1, 0.4)
    changes.push({ sourceId, status: 'resolved', at: again })
    closedAt = again + uniform(r, 1, 12) * HOUR_MS
  }
  changes.push({ sourceId, status: 'closed', at: closedAt })
  for (const change of changes) change.at = Math.round(change.at)
  const rating = chance(r, RATED_SHARE) ? { sourceId, at: Math.round(closedAt + uniform(r, 0.1, 6) * HOUR_MS), score: onTime ? intBetween(r, 3, 5) : intBetween(r, 1, 3) } : null
  return { changes, rating }
}
