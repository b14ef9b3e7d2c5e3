import { expect, test } from 'vitest'
import { applyStatusChange, receivedState, type ComplaintState } from '../core/lifecycle'
import { planLifecycle } from './lifecycle-plan'

const T0 = Date.UTC(2026, 10, 24, 1)

test('every planned lifecycle is one the lifecycle rules accept, in order, and the same for the same complaint', () => {
  let late = 0
  let rejected = 0
  let rated = 0
  for (let i = 0; i < 2000; i++) {
    const plan = planLifecycle(1022, `1022-1-${i}`, T0, 24)
    let state: ComplaintState = receivedState(new Date(T0), 24)
    for (const change of plan.changes) {
      const result = applyStatusChange(state, { status: change.status, at: new Date(change.at), unit: change.unit ?? null }, new Date(T0 + 1e12), 0)
      expect(result.ok, `${change.status}: ${result.ok ? '' : result.reason}`).toBe(true)
      if (result.ok) state = result.state
    }
    if (state.resolvedOnTime === false) late++
    if (state.status === 'rejected') rejected++
    if (plan.rating) {
      rated++
      expect(['resolved', 'closed']).toContain(state.status)
      expect(plan.rating.at).toBeGreaterThan(plan.changes.at(-1)!.at)
    }
  }
  expect(late / 2000).toBeGreaterThan(0.15)
  expect(late / 2000).toBeLessThan(0.35)
  expect(rejected).toBeGreaterThan(0)
  expect(rated / 2000).toBeGreaterThan(0.4)
  expect(planLifecycle(1022, '1022-1-7', T0, 24)).toEqual(planLifecycle(1022, '1022-1-7', T0, 24))
})
