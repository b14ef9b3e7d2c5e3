import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { applyStatusChange, ingestedState, isOverdue, receivedState, type ComplaintState, type LifecycleStatus, type StatusChange } from './lifecycle'

const T0 = new Date('2026-11-24T00:00:00Z')
const h = (hours: number) => new Date(T0.getTime() + hours * 3_600_000)
const NOW = h(100)
/** Applies changes in order, failing the test on a refusal. */
function walk(state: ComplaintState, ...changes: Array<[LifecycleStatus, number, string?]>): ComplaintState {
  for (const [status, hours, unit] of changes) {
    const result = applyStatusChange(state, { status, at: h(hours), unit: unit ?? null }, NOW, 0)
    assert.ok(result.ok, `${status}@${hours}: ${result.ok ? '' : result.reason}`)
    state = result.state
  }
  return state
}
const refusal = (state: ComplaintState, change: Partial<StatusChange> & { status: LifecycleStatus }) => {
  const result = applyStatusChange(state, { at: h(10), unit: null, ...change }, NOW, 5 * 60_000)
  assert.equal(result.ok, false)
  return result as Extract<typeof result, { ok: false }>
}

describe('complaint lifecycle (LIFE-1…LIFE-3)', () => {
  const fresh = receivedState(T0, 24)

  it('starts the clock when the complaint is received', () => {
    assert.equal(fresh.dueAt.getTime(), h(24).getTime())
    assert.equal(isOverdue(fresh, h(24)), false, 'due at the deadline itself is not yet overdue')
    assert.equal(isOverdue(fresh, h(24.01)), true)
  })

  it('walks the normal path, stopping the clock at the first resolution and judging on time there', () => {
    const s = walk(fresh, ['assigned', 1, 'W1'], ['in_progress', 2], ['resolved', 20], ['closed', 30])
    assert.equal(s.status, 'closed')
    assert.equal(s.assignedUnit, 'W1')
    assert.equal(s.firstResolvedAt?.getTime(), h(20).getTime())
    assert.equal(s.resolvedOnTime, true)
    assert.equal(s.clockStoppedAt?.getTime(), h(20).getTime(), 'closing after resolving does not move the stop')
    assert.equal(isOverdue(s, h(1000)), false, 'a stopped clock is never overdue')
  })

  it('lets a feed skip steps forward, and reassign', () => {
    assert.equal(walk(fresh, ['closed', 30]).resolvedOnTime, false, 'closed after the deadline is late')
    assert.equal(walk(fresh, ['assigned', 1, 'W1'], ['assigned', 2, 'W2']).assignedUnit, 'W2')
  })

  it('LIFE-3: a reopened clock runs on from where it stopped; the first resolution still decides on time', () => {
    const resolved = walk(fresh, ['resolved', 10]) // 10 of 24 h used
    const reopened = walk(resolved, ['reopened', 40]) // stood still 30 h
    assert.equal(reopened.dueAt.getTime(), h(54).getTime(), '14 h left after reopening at 40 h')
    assert.equal(reopened.clockStoppedAt, null)
    assert.equal(isOverdue(reopened, h(53)), false)
    assert.equal(isOverdue(reopened, h(55)), true)
    const again = walk(reopened, ['in_progress', 41], ['resolved', 60], ['reopened', 70])
    assert.equal(again.firstResolvedAt?.getTime(), h(10).getTime())
    assert.equal(again.resolvedOnTime, true)
    assert.equal(again.dueAt.getTime(), h(64).getTime(), 'the second stop (60 → 70 h) moves it again')
  })

  it('refuses going back, leaving rejected, reopening what is open, and assigning without a unit', () => {
    const resolved = walk(fresh, ['resolved', 5])
    assert.match(refusal(resolved, { status: 'received' }).reason, /cannot go back to received/)
    assert.match(refusal(resolved, { status: 'in_progress' }).reason, /resolved → in_progress goes back/)
    assert.match(refusal(walk(fresh, ['closed', 5]), { status: 'resolved' }).reason, /closed → resolved goes back/)
    assert.match(refusal(fresh, { status: 'reopened' }).reason, /only a resolved or closed complaint can be reopened/)
    assert.match(refusal(walk(fresh, ['rejected', 1]), { status: 'reopened' }).reason, /rejected, which is final/)
    assert.match(refusal(resolved, { status: 'rejected' }).reason, /reopen it first/)
    assert.match(refusal(walk(fresh, ['in_progress', 1]), { status: 'in_progress' }).reason, /stands still/)
    const noUnit = refusal(fresh, { status: 'assigned' })
    assert.equal(noUnit.field, 'unit')
  })

  it('refuses a change dated before receipt, before the last change, or in the future beyond the skew', () => {
    const assigned = walk(fresh, ['assigned', 5, 'W1'])
    assert.equal(refusal(assigned, { status: 'closed', at: h(-1) }).field, 'at')
    assert.match(refusal(assigned, { status: 'closed', at: h(4) }).reason, /before the complaint's last change \(assigned/)
    assert.match(refusal(assigned, { status: 'closed', at: new Date(NOW.getTime() + 6 * 60_000) }).reason, /in the future/)
    assert.ok(applyStatusChange(assigned, { status: 'closed', at: new Date(NOW.getTime() + 4 * 60_000), unit: null }, NOW, 5 * 60_000).ok, 'within the skew')
  })

  it('LIFE-5: arriving closed keeps its dates; closed before received is an invalid record with no negative duration', () => {
    const late = ingestedState(T0, 24, 'closed', h(30))
    assert.equal(late.resolvedOnTime, false)
    assert.equal(late.statusAt.getTime(), h(30).getTime())
    const invalid = ingestedState(T0, 24, 'closed', h(-3))
    assert.equal(invalid.firstResolvedAt?.getTime(), h(-3).getTime())
    assert.equal(invalid.resolvedOnTime, null)
    assert.equal(invalid.statusAt.getTime(), T0.getTime())
    assert.equal(invalid.clockStoppedAt?.getTime(), T0.getTime())
    assert.equal(ingestedState(T0, 24, 'assigned', h(1)).status, 'assigned', 'arriving assigned, the unit is not known')
    assert.deepEqual(ingestedState(T0, 24, 'received', T0), fresh)
  })
})
