/**
 * The wall's own live client (client/live LiveConnection) through a real network that misbehaves:
 * SEQ-4, cut off for 10 s of clock time while events flow, it resumes from its seq; LIVE-8, a
 * screen that stops reading is skipped, its server buffer stays bounded, and it comes back with a
 * keyframe. Both end with exactly the database's counts. A TCP proxy makes the cut and the
 * stall; the node is stepped by hand on a clock the test moves.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, test } from 'vitest'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { databaseCells, demoPlaces, eventAt, heldCells, postEvents, shownCells, startLiveNode, watchLive, type LiveNode, type Place } from '../../test/support/live-node'
import { startProxy } from '../../test/support/tcp-proxy'
import { waitFor } from '../../test/support/wait'

const REQUEST = { scope: 'city', layers: ['complaints', 'mentions'] as Array<'complaints' | 'mentions'>, res: 9 as const, window: '1h' as const }
const pg = DRIVERS.find((d) => d.name === 'pg')!
const MAX_BUFFERED = 256 * 1024

let database: TestDatabase
let node: LiveNode
let places: Place[]
beforeAll(async () => {
  database = await pg.create()
  node = await startLiveNode({ db: database.db, live: { autoStep: false, limits: { maxBufferedBytes: MAX_BUFFERED, maxPendingPackets: 8 } as never } })
  places = await demoPlaces(database.db)
})
afterAll(async () => {
  await node?.close()
  await database?.drop()
})

let sent = 0
/** One second of traffic: a batch of events, then one step of the node. */
async function oneSecond(size = 20): Promise<void> {
  node.clock.advance(1000)
  const now = node.clock.now().getTime()
  const batch = Array.from({ length: size }, (_, j) => eventAt(places[(sent + j) % places.length]!, { kind: j % 3 ? 'complaint' : 'mention', category: j % 2 ? 'flooding' : 'waste' }, 0, now))
  await postEvents(node.url, batch)
  sent += batch.length
  node.live.step()
}

test('SEQ-4 the wall client cut off for 10 s while events flow resumes from its seq and ends with exactly the database counts', async () => {
  const proxy = await startProxy(node.port)
  const cut = await watchLive(proxy.url, REQUEST)
  const steady = await watchLive(node.url, REQUEST)
  try {
    // One step, one delta (a new room starts at the snapshot's seq): both screens must see three.
    const start = steady.seq
    for (let i = 0; i < 3; i++) await oneSecond()
    await waitFor(() => cut.seq === start + 3 && steady.seq === start + 3, 10_000, 'both screens to follow')

    proxy.cut()
    await waitFor(() => !cut.connected, 10_000, 'the cut to be noticed')
    for (let i = 0; i < 10; i++) await oneSecond()
    await waitFor(() => steady.seq === start + 13, 10_000, 'the steady screen to take the ten deltas')
    assert.equal(cut.seq, start + 3, 'nothing reached the cut screen')

    proxy.restore()
    await waitFor(() => cut.counters.resumes === 1, 10_000, 'the resume answer')
    for (let i = 0; i < 2; i++) await oneSecond()
    await waitFor(() => cut.seq === start + 15 && steady.seq === start + 15, 10_000, 'both screens at the last seq')

    const truth = await databaseCells(database.db, REQUEST, node.clock.now())
    assert.equal(cut.counters.snapshots, 1, 'resumed from the replay history, not a fresh snapshot')
    assert.deepEqual(shownCells(cut), truth)
    assert.deepEqual(shownCells(steady), truth)
    assert.deepEqual(heldCells(node.live, REQUEST), truth)
    assert.equal(cut.counters.gaps + steady.counters.gaps, 0)
    assert.equal(truth.reduce((sum, cell) => sum + cell.count, 0), sent, 'every event sent is counted once')
  } finally {
    cut.close()
    steady.close()
    await proxy.close()
  }
})

test('LIVE-8 a wall client that stops reading is skipped, its server buffer stays bounded, the others get every delta, and it recovers with a keyframe to the database counts', async () => {
  const proxy = await startProxy(node.port)
  const slow = await watchLive(proxy.url, REQUEST)
  const fast = await watchLive(node.url, REQUEST)
  try {
    proxy.stopReading()
    let maxBuffered = 0
    await waitFor(async () => {
      // Scattered points make large deltas (one new r9 cell per event), so that buffers fill fast.
      node.clock.advance(1000)
      const now = node.clock.now().getTime()
      await postEvents(node.url, Array.from({ length: 1000 }, () => eventAt({ lat: 10.68 + Math.random() * 0.2, lon: 106.6 + Math.random() * 0.2 }, {}, 0, now)))
      sent += 1000
      node.live.step()
      maxBuffered = Math.max(maxBuffered, node.live.stats().maxBacklogBytes)
      return node.live.stats().skipped > 0
    }, 60_000, 'the slow screen to be skipped')
    for (let i = 0; i < 5; i++) {
      await oneSecond(1000)
      maxBuffered = Math.max(maxBuffered, node.live.stats().maxBacklogBytes)
    }
    // Bound: the threshold plus at most one flush of deltas sent before it was crossed.
    assert.ok(maxBuffered > 0 && maxBuffered < MAX_BUFFERED + 2 * 1024 * 1024, `server buffer for the slow screen stayed bounded (max ${maxBuffered} bytes)`)
    await waitFor(() => JSON.stringify(shownCells(fast)) === JSON.stringify(heldCells(node.live, REQUEST)), 20_000, 'the fast screen to keep up')
    assert.equal(fast.counters.gaps, 0)
    assert.equal(fast.counters.keyframes, 0)

    proxy.startReading()
    await waitFor(() => {
      node.live.step()
      return slow.counters.keyframes > 0
    }, 20_000, 'a keyframe for the slow screen')
    const truth = await databaseCells(database.db, REQUEST, node.clock.now())
    await waitFor(() => JSON.stringify(shownCells(slow)) === JSON.stringify(truth), 20_000, 'the slow screen to converge')
    assert.deepEqual(shownCells(fast), truth)
    assert.ok(node.live.stats().keyframes > 0)
  } finally {
    slow.close()
    fast.close()
    await proxy.close()
  }
})
