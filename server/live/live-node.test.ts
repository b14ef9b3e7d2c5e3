/**
 * The LiveNode stepped by hand on a clock: expiry, deltas, KPIs, heartbeats, keyframes and idle
 * rooms happen in step(now) and nowhere else, so every rule is checked to the millisecond with no
 * sleep. The transport here is an in-memory room table; the Socket.IO one is proved in *.pg.test.ts.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'vitest'
import { cellToParent, latLngToCell } from 'h3-js'
import type { Delta, Kpi, Overdue, Processing, ServerToClientEvents, Snapshot, SubscribeRequest } from '../core/protocol'
import { Continuity } from '../core/continuity'
import { DEFAULT_LIMITS, LiveNode, type LiveNodeOptions, type LiveTransport } from './live-node'
import type { BatchEntry, LogEvent } from './log-entry'

const T0 = Date.parse('2026-11-24T01:00:30Z')
const CELL = latLngToCell(10.7725, 106.698, 9)
const REQUEST: SubscribeRequest = { scope: 'city', layers: ['complaints'], res: 9, window: '1h' }

interface Sent {
  to: string
  except: readonly string[]
  event: keyof ServerToClientEvents
  payload: unknown
}

function memoryTransport() {
  const rooms = new Map<string, Set<string>>()
  const slow = new Set<string>()
  const sent: Sent[] = []
  const transport: LiveTransport = {
    members: (room) => rooms.get(room) ?? new Set(),
    isSlow: (socket) => slow.has(socket),
    toRoom: (room, except, event, ...args) => void sent.push({ to: room, except, event, payload: args[0] }),
    toSocket: (socket, event, ...args) => void sent.push({ to: socket, except: [], event, payload: args[0] }),
    heartbeat: (beat, reach) => void sent.push({ to: reach, except: [], event: 'heartbeat', payload: beat }),
  }
  const join = (socket: string, ...names: string[]) => {
    for (const name of names) rooms.set(name, (rooms.get(name) ?? new Set()).add(socket))
  }
  const leave = (socket: string, name: string) => rooms.get(name)?.delete(socket)
  const take = (event: keyof ServerToClientEvents) => sent.splice(0).filter((s) => s.event === event)
  return { transport, join, leave, slow, sent, take }
}

/** A complaint as the fake database holds it: open, due at `dueAt`, in `units`, with a cell or not. */
interface HeldComplaint {
  dueAt: number
  units: string[]
  cell: string | null
}

/**
 * What the database answers, computed here from a few complaints; every call is recorded. `hold`
 * keeps the next answers pending (a slow database), `fail` makes them throw.
 */
function fakeDatabase() {
  const complaints: HeldComplaint[] = []
  const calls = { figures: [] as string[][], cells: [] as string[][], processing: [] as string[][] }
  const state = { fail: false, hold: false, processing: { periodDays: 7, resolved: 2, medianHours: 3, p90Hours: 5, onTimePct: 50, satisfaction: 4, ratings: 1 } as Processing }
  const inScope = (scope: string, c: HeldComplaint) => scope === 'city' || c.units.includes(scope)
  const answer = async <T>(record: string[][], scopes: string[], value: (scope: string) => T) => {
    record.push(scopes)
    if (state.hold) await new Promise(() => {})
    if (state.fail) throw new Error('database away')
    return new Map(scopes.map((scope) => [scope, value(scope)]))
  }
  const overdue = (scope: string, now: Date) => complaints.filter((c) => inScope(scope, c) && c.dueAt < now.getTime())
  return {
    complaints,
    calls,
    state,
    deps: {
      complaintFigures: (scopes: string[], now: Date) =>
        answer(calls.figures, scopes, (scope) => ({ open: complaints.filter((c) => inScope(scope, c)).length, overdue: overdue(scope, now).length, resolvedToday: 0 })),
      overdueCells: (scopes: string[], now: Date) =>
        answer(calls.cells, scopes, (scope) => {
          const cells = new Map<string, number>()
          for (const c of overdue(scope, now)) if (c.cell) cells.set(c.cell, (cells.get(c.cell) ?? 0) + 1)
          return cells
        }),
      processing: (scopes: string[]) => answer(calls.processing, scopes, () => ({ ...state.processing })),
    },
  }
}

function makeNode(options: Partial<LiveNodeOptions> = {}, leader = true) {
  const net = memoryTransport()
  const ticks: number[] = []
  const rebuilds: number[] = []
  const errors: string[] = []
  const failRebuild = { value: false }
  const db = fakeDatabase()
  const node = new LiveNode(
    new Date(T0),
    { nodeId: 'n1', timeZone: 'Asia/Ho_Chi_Minh', limits: DEFAULT_LIMITS, heartbeatMs: 5000, complaintFiguresMs: 5000, processingMs: 60_000, tickMs: 1000, expiry: 'local', ...options },
    {
      transport: net.transport,
      continuity: new Continuity(),
      isLeader: () => leader,
      publishTick: (at) => void ticks.push(at),
      rebuild: async () => {
        rebuilds.push(rebuilds.length)
        if (failRebuild.value) throw new Error('database away')
        return 0
      },
      ...db.deps,
      onError: (message, error) => {
        if (!failRebuild.value && !db.state.fail) assert.fail(`${message}: ${String(error)}`)
        errors.push(message)
      },
    },
  )
  return { node, net, ticks, rebuilds, failRebuild, db, errors }
}

/** Batches from one publishing node, numbered in order as its OrderedPublisher does (MULTI-5). */
let published = 0
const batchOf = (events: LogEvent[], n = ++published): BatchEntry => ({ type: 'batch', origin: 'publisher', n, committedAt: T0, events })

/** Lets the node's pending promises (a recount under way) finish: no time passes. */
const settled = () => new Promise((resolve) => setImmediate(resolve))

const event = (id: string, atMs: number, cell: string | null = CELL): LogEvent => ({ id, kind: 'complaint', occurredAtMs: atMs, cell, category: 'flooding', units: ['760', '26734'], text: null })

async function subscribed(node: LiveNode, net: ReturnType<typeof memoryTransport>, socket: string, request = REQUEST, at = T0) {
  const { rooms, answer, overdue } = await node.subscribe(request, new Date(at))
  net.join(socket, ...rooms)
  return { room: rooms[0], answer, overdue }
}

describe('LiveNode stepped by a clock', () => {
  it('WIN-3 an event is pushed on the next step, and expires from the 1 h window exactly 60 minutes after its minute', async () => {
    const { node, net } = makeNode()
    const { room } = await subscribed(node, net, 's1')
    node.apply(batchOf([event('1', T0)]), new Date(T0))
    node.step(new Date(T0 + 100))
    const [first] = net.take('delta')
    assert.equal(first?.to, room)
    assert.deepEqual((first?.payload as Delta).upserts.map((u) => [u.cell, u.count]), [[CELL, 1]])
    assert.equal((first?.payload as Delta).seq, 1)

    // The event's minute is 01:00; at 01:59:59.999 it is still inside the hour (WIN-2).
    node.step(new Date(Date.parse('2026-11-24T01:59:59.999Z')))
    assert.deepEqual(net.take('delta'), [])
    node.step(new Date(Date.parse('2026-11-24T02:00:00Z')))
    const [expiry] = net.take('delta')
    assert.deepEqual((expiry?.payload as Delta).removals, [{ cell: CELL, layer: 'complaints' }])
    assert.equal((expiry?.payload as Delta).seq, 2, 'expiry is the next delta of the same seq stream')
  })

  it('LIVE-4 heartbeats every 5 s of the clock; KPIs of a changed scope at most once a second', async () => {
    const { node, net } = makeNode()
    await subscribed(node, net, 's1')
    node.step(new Date(T0))
    node.step(new Date(T0 + 4999))
    node.step(new Date(T0 + 5000))
    assert.deepEqual(net.take('heartbeat').map((s) => [s.to, (s.payload as { at: string }).at]), [
      ['local', new Date(T0).toISOString()],
      ['local', new Date(T0 + 5000).toISOString()],
    ])
    node.apply(batchOf([event('1', T0)]), new Date(T0))
    node.step(new Date(T0 + 6000))
    node.apply(batchOf([event('2', T0)]), new Date(T0))
    node.step(new Date(T0 + 6500))
    const kpis = net.sent.filter((s) => s.event === 'kpi')
    assert.equal(kpis.length, 1, 'the second change is held back by the one-second throttle')
    node.step(new Date(T0 + 7000))
    const all = net.take('kpi')
    assert.equal(all.length, 2)
    assert.equal((all[1]!.payload as { today: { complaints: { total: number } } }).today.complaints.total, 2)
  })

  it('LIVE-8 a slow member is left out of deltas and KPIs, and gets one keyframe once it drains', async () => {
    const { node, net } = makeNode()
    const { room } = await subscribed(node, net, 'fast')
    await subscribed(node, net, 'slow')
    net.slow.add('slow')
    node.apply(batchOf([event('1', T0)]), new Date(T0))
    node.step(new Date(T0))
    const [delta] = net.take('delta')
    assert.deepEqual([delta?.to, delta?.except], [room, ['slow']])
    node.step(new Date(T0 + 100))
    assert.deepEqual(net.take('snapshot'), [], 'no keyframe while still slow')
    net.slow.delete('slow')
    node.step(new Date(T0 + 200))
    const keyframes = net.sent.filter((s) => s.event === 'snapshot')
    assert.deepEqual(keyframes.map((k) => k.to), ['slow'])
    assert.equal((keyframes[0]!.payload as Snapshot).seq, 1)
    assert.equal(node.stats().keyframes, 1)
    node.step(new Date(T0 + 300))
    assert.equal(node.stats().keyframes, 1, 'one keyframe, not one per step')
  })

  it('SEQ-4 / LIVE-9 a room keeps its seq stream for a resume while idle, and is dropped after idleRoomMs', async () => {
    const { node, net } = makeNode()
    const { room } = await subscribed(node, net, 's1')
    node.apply(batchOf([event('1', T0)]), new Date(T0))
    node.step(new Date(T0))
    net.leave('s1', room)
    node.apply(batchOf([event('2', T0)]), new Date(T0))
    node.step(new Date(T0 + 1000))
    const resumed = await node.subscribe({ ...REQUEST, resumeFrom: { subscription: room, seq: 1 } }, new Date(T0 + 2000))
    assert.equal(resumed.answer.type, 'resumed')
    assert.equal(resumed.answer.seq, 2)
    assert.deepEqual(resumed.overdue, { subscription: room, at: new Date(T0 + 2000).toISOString(), cells: [] }, 'a resumed answer is followed by the overdue layer too')

    node.step(new Date(T0 + 3000))
    node.step(new Date(T0 + 3000 + DEFAULT_LIMITS.idleRoomMs + 1))
    const fresh = await node.subscribe({ ...REQUEST, resumeFrom: { subscription: room, seq: 2 } }, new Date(T0 + 200_000))
    assert.equal(fresh.answer.type, 'snapshot')
    assert.notEqual(fresh.answer.subscription, room, 'a new incarnation has a new epoch')
  })

  it('MULTI-3 with a shared log only ticks from the log expire; the leader appends one tick per tickMs', async () => {
    const follower = makeNode({ expiry: 'log' }, false)
    follower.node.apply(batchOf([event('1', T0)]), new Date(T0))
    follower.node.step(new Date(T0 + 3 * 3_600_000))
    assert.equal(follower.node.aggregator.windows.cells('1h', 'city', 9, 'complaints').length, 1, "a follower's own clock expires nothing")
    assert.deepEqual(follower.ticks, [])
    follower.node.apply({ type: 'tick', at: T0 + 3_600_000 }, new Date(T0))
    assert.equal(follower.node.aggregator.windows.cells('1h', 'city', 9, 'complaints').length, 0)

    const leader = makeNode({ expiry: 'log' }, true)
    for (const ms of [0, 400, 999, 1000, 2500]) leader.node.step(new Date(T0 + ms))
    assert.deepEqual(leader.ticks, [T0, T0 + 1000, T0 + 2500])
    assert.deepEqual(leader.net.take('heartbeat').map((s) => s.to), ['adapter'], 'through the adapter, which stamps the recovery offset')
    follower.node.step(new Date(T0 + 3 * 3_600_000 + 5000))
    assert.deepEqual(follower.net.take('heartbeat').map((s) => s.to), ['adapter', 'adapter'], 'every node tells its own clients, leader or not')
  })

  it('MULTI-5 a batch published twice (a retry after a lost reply) is counted once', async () => {
    const { node, net } = makeNode()
    await subscribed(node, net, 's1')
    const first = batchOf([event('1', T0)])
    node.apply(first, new Date(T0))
    node.apply(first, new Date(T0))
    node.step(new Date(T0 + 100))
    assert.deepEqual(node.aggregator.windows.cells('1h', 'city', 9, 'complaints').map((c) => c.count), [1])
    assert.equal(node.continuity.degraded(), null, 'a duplicate is not a gap')
  })

  it('LIVE-12 a gap in the log: heartbeats say degraded at once, the node recounts, then says so no more', async () => {
    const { node, net, rebuilds } = makeNode()
    await subscribed(node, net, 's1')
    node.step(new Date(T0))
    assert.deepEqual(net.take('heartbeat').map((s) => s.payload), [{ at: new Date(T0).toISOString() }])
    node.apply(batchOf([event('1', T0)], 1), new Date(T0 + 100))
    node.apply(batchOf([event('3', T0)], 3), new Date(T0 + 200))
    assert.deepEqual(node.continuity.degraded(), { since: new Date(T0 + 200).toISOString(), reason: 'log_gap' })
    node.step(new Date(T0 + 300))
    assert.deepEqual(rebuilds, [0], 'the recount starts on the next step')
    assert.deepEqual(
      net.take('heartbeat').map((s) => s.payload),
      [{ at: new Date(T0 + 300).toISOString(), degraded: { since: new Date(T0 + 200).toISOString(), reason: 'resyncing' } }],
      'told at once, not at the next 5 s beat',
    )
    await settled()
    node.step(new Date(T0 + 400))
    assert.deepEqual(net.take('heartbeat').map((s) => s.payload), [{ at: new Date(T0 + 400).toISOString() }], 'the end is told at once too')
  })

  it('LIVE-12 while the shared log is away heartbeats go straight to the clients and say so; when it is back the node recounts', async () => {
    const { node, net, rebuilds } = makeNode({ expiry: 'log' })
    await subscribed(node, net, 's1')
    node.continuity.logLost(T0)
    node.step(new Date(T0 + 100))
    assert.deepEqual(net.take('heartbeat').map((s) => [s.to, s.payload]), [['local', { at: new Date(T0 + 100).toISOString(), degraded: { since: new Date(T0).toISOString(), reason: 'log_unavailable' } }]])
    node.step(new Date(T0 + 20_000))
    assert.deepEqual(rebuilds, [], 'no recount while the log cannot be read: events would still pass by')
    node.continuity.logRestored()
    node.step(new Date(T0 + 20_100))
    assert.deepEqual(rebuilds, [0])
    await settled()
    node.step(new Date(T0 + 20_200))
    assert.equal(node.continuity.degraded(), null)
  })

  it('LIVE-12 a recount that fails (the database away too) stays degraded and is tried again after 5 s', async () => {
    const { node, net, rebuilds, failRebuild } = makeNode()
    await subscribed(node, net, 's1')
    failRebuild.value = true
    node.continuity.logLost(T0)
    node.continuity.logRestored()
    node.step(new Date(T0))
    await settled()
    node.step(new Date(T0 + 4999))
    assert.deepEqual(rebuilds, [0])
    assert.equal(node.continuity.degraded()?.reason, 'resyncing')
    failRebuild.value = false
    node.step(new Date(T0 + 5000))
    assert.deepEqual(rebuilds, [0, 1])
    await settled()
    node.step(new Date(T0 + 5100))
    assert.equal(node.continuity.degraded(), null)
  })
})

describe('LiveNode: what the database counts, asked on the node\'s clock (KPI-4, LIVE-15)', () => {
  const HOUR = 3_600_000
  const UNITS = ['760', '26734']
  const DISTRICT_7: SubscribeRequest = { scope: '760', layers: ['complaints'], res: 7, window: '24h' }
  const of = <E extends keyof ServerToClientEvents>(sent: Sent[], event: E) => sent.filter((s) => s.event === event)
  const kpis = (sent: Sent[]) => of(sent, 'kpi').map((s) => s.payload as Kpi)

  it('LIVE-15 a deadline passing with no new event changes the KPI and the overdue layer at the next refresh', async () => {
    const { node, net, db } = makeNode()
    // Flooding: 4 h. One with a point, one without (no cell: the KPI counts it, the layer cannot).
    db.complaints.push({ dueAt: T0 + 4 * HOUR, units: UNITS, cell: CELL }, { dueAt: T0 + 4 * HOUR, units: UNITS, cell: null })
    const { room, answer, overdue } = await subscribed(node, net, 's1', DISTRICT_7)
    assert.deepEqual([answer.kpi.openComplaints, answer.kpi.overdueComplaints], [2, 0])
    assert.deepEqual(overdue, { subscription: room, at: new Date(T0).toISOString(), cells: [] })
    await settled()
    node.step(new Date(T0 + 100))
    await settled()
    assert.deepEqual(kpis(net.sent.splice(0)).map((k) => k.processing?.periodDays), [7], 'the processing figures, which the first screen did not wait for')

    node.step(new Date(T0 + 4 * HOUR))
    await settled()
    node.step(new Date(T0 + 4 * HOUR + 100))
    assert.deepEqual(kpis(net.sent), [], 'at the deadline itself nothing is overdue yet')
    assert.deepEqual(of(net.sent.splice(0), 'overdue'), [])

    node.step(new Date(T0 + 4 * HOUR + 4999))
    assert.deepEqual(db.calls.figures.length, 3, 'the next refresh is 5 s of the clock later')
    node.step(new Date(T0 + 4 * HOUR + 5000))
    await settled()
    node.step(new Date(T0 + 4 * HOUR + 5100))
    const sent = net.sent.splice(0)
    assert.deepEqual(kpis(sent).map((k) => [k.openComplaints, k.overdueComplaints]), [[2, 2]])
    assert.deepEqual(of(sent, 'overdue').map((s) => [s.to, s.payload]), [
      [room, { subscription: room, at: new Date(T0 + 4 * HOUR + 5100).toISOString(), cells: [{ cell: cellToParent(CELL, 7), count: 1 }] }],
    ])
    assert.deepEqual(of(sent, 'delta'), [], 'no event came')

    node.step(new Date(T0 + 4 * HOUR + 10_000))
    await settled()
    node.step(new Date(T0 + 4 * HOUR + 10_100))
    const again = net.sent.splice(0)
    assert.deepEqual([kpis(again), of(again, 'overdue')], [[], []], 'an unchanged refresh pushes nothing')
  })

  it('LIVE-15 a refresh asks once for every active scope, and a slow database is not asked again until it answers', async () => {
    const { node, net, db } = makeNode()
    for (const scope of ['city', ...UNITS]) await subscribed(node, net, `s-${scope}`, { ...REQUEST, scope })
    assert.deepEqual(db.calls.figures, [['city'], ['760'], ['26734']], "each scope's first screen waits for its own counts")
    for (const calls of Object.values(db.calls)) calls.length = 0
    db.state.hold = true
    node.step(new Date(T0))
    for (const ms of [5000, 10_000, 60_000, 120_000]) node.step(new Date(T0 + ms))
    assert.deepEqual(db.calls, { figures: [['city', ...UNITS]], cells: [['city', ...UNITS]], processing: [['city', ...UNITS]] })
  })

  it('LIVE-15 a failing query is told once per failure and stops nothing; the figures held stay', async () => {
    const { node, net, db, errors } = makeNode()
    db.complaints.push({ dueAt: T0 - 1, units: UNITS, cell: CELL })
    await subscribed(node, net, 's1', DISTRICT_7)
    await settled()
    db.state.fail = true
    node.step(new Date(T0))
    await settled()
    node.step(new Date(T0 + 5000))
    await settled()
    assert.deepEqual(errors, [
      'live: complaint figures query failed; asked again at the next refresh',
      'live: overdue cells query failed; asked again at the next refresh',
      'live: processing figures query failed; asked again at the next refresh',
      'live: complaint figures query failed; asked again at the next refresh',
      'live: overdue cells query failed; asked again at the next refresh',
    ])
    assert.equal(of(net.sent, 'heartbeat').length, 2, 'the node goes on stepping')
    const { answer, overdue } = await subscribed(node, net, 's2', DISTRICT_7, T0 + 5100)
    assert.equal(answer.kpi.overdueComplaints, 1)
    assert.deepEqual(overdue?.cells, [{ cell: cellToParent(CELL, 7), count: 1 }])
  })

  it('LIVE-15 processing figures come with a later kpi, and are asked for every processingMs of the clock', async () => {
    const { node, net, db } = makeNode()
    const { answer } = await subscribed(node, net, 's1')
    assert.equal(answer.kpi.processing, undefined, 'a first screen does not wait for the 7-day figures')
    await settled()
    node.step(new Date(T0 + 100))
    assert.deepEqual(kpis(net.sent.splice(0)).map((k) => k.processing), [db.state.processing])
    db.state.processing = { ...db.state.processing, resolved: 3, ratings: 2 }
    node.step(new Date(T0 + 59_999))
    await settled()
    node.step(new Date(T0 + 60_099))
    assert.deepEqual(kpis(net.sent.splice(0)), [], 'not asked again before 60 s')
    node.step(new Date(T0 + 60_100))
    await settled()
    node.step(new Date(T0 + 61_200))
    assert.deepEqual(kpis(net.sent.splice(0)).map((k) => [k.processing?.resolved, k.processing?.ratings]), [[3, 2]])
  })

  it('LIVE-8 / LIVE-15 a slow member is left out of the overdue layer and gets it after its keyframe once drained', async () => {
    const { node, net, db } = makeNode()
    const { room } = await subscribed(node, net, 'fast', DISTRICT_7)
    await subscribed(node, net, 'slow', DISTRICT_7)
    net.slow.add('slow')
    db.complaints.push({ dueAt: T0 + 1000, units: UNITS, cell: CELL })
    node.step(new Date(T0 + 5000))
    await settled()
    net.sent.length = 0
    node.step(new Date(T0 + 5100))
    assert.deepEqual(of(net.sent.splice(0), 'overdue').map((s) => [s.to, s.except]), [[room, ['slow']]])
    net.slow.delete('slow')
    node.step(new Date(T0 + 5200))
    const drained = net.sent.splice(0).filter((s) => s.to === 'slow')
    assert.deepEqual(drained.map((s) => s.event), ['snapshot', 'overdue'])
    assert.deepEqual((drained[1]!.payload as Overdue).cells, [{ cell: cellToParent(CELL, 7), count: 1 }])
  })
})
