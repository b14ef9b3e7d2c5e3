/**
 * The wall's own live client (client/live LiveConnection) through a real network that misbehaves:
 * LIVE-8, a screen that stops reading is skipped, its server buffer stays bounded, and it comes
 * back with a keyframe to exactly the database's counts. A TCP proxy makes the stall; the node is
 * stepped by hand on a clock the test moves. SEQ-4 (a cut of 60 s, then resume) is in the fault
 * suite: test/faults/client-cut-60s.pg.test.ts.
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
