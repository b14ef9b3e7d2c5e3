/**
 * LIVE-8: a client that stops reading never slows the others, the server's buffer for it stays
 * bounded, and once it reads again it gets one keyframe and ends with exactly the server's counts.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, test } from 'vitest'
import type { Snapshot } from '../core/protocol'
import { sortCells } from '../core/live-view'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { connectLive, eventAt, postEvents, startLiveNode, type LiveNode } from '../../test/support/live-node'
import { follow, startProxy, subscribe, waitFor } from './test-helpers'

const pg = DRIVERS.find((d) => d.name === 'pg')!
const MAX_BUFFERED = 256 * 1024
const REQUESTS = (['1h', '24h', '7d'] as const).flatMap((window) => ([6, 7, 8, 9] as const).map((res) => ({ scope: 'city', layers: ['complaints', 'mentions'] as Array<'complaints' | 'mentions'>, res, window })))

let database: TestDatabase
let node: LiveNode
beforeAll(async () => {
  database = await pg.create()
  node = await startLiveNode({ db: database.db, live: { limits: { maxBufferedBytes: MAX_BUFFERED, maxPendingPackets: 8 } as never } })
})
afterAll(async () => {
  await node?.close()
  await database?.drop()
})

test('LIVE-8 a client that stops reading is skipped, its server buffer stays bounded, others keep their pace, and it recovers with a keyframe', async () => {
  const proxy = await startProxy(node.port)
  const fast = connectLive(node.url)
  const slow = connectLive(proxy.url)
  try {
    const fastView = follow(fast)
    const slowView = follow(slow)
    const watched = REQUESTS[3]! // city, res 9, 1 h
    for (const request of REQUESTS) await subscribe(slow, request)
    fastView.view.applySnapshot((await subscribe(fast, watched)) as Snapshot)
    slowView.view.applySnapshot((await subscribe(slow, watched)) as Snapshot)
    // Re-subscribing to `watched` last makes the slow view follow it; the slow client still holds 12 rooms.
    proxy.stopReading()

    let maxBuffered = 0
    const sampler = setInterval(() => (maxBuffered = Math.max(maxBuffered, node.live.stats().maxBacklogBytes)), 20)
    const latencies: number[] = []
    const deadline = Date.now() + 10_000
    for (let i = 0; Date.now() < deadline; i++) {
      // Scattered points make large deltas (one new r9 cell per event) so that buffers fill fast.
      const batch = Array.from({ length: 1000 }, () => eventAt({ lat: 10.68 + Math.random() * 0.2, lon: 106.6 + Math.random() * 0.2, units: [] }))
      const before = fastView.view.seq
      const started = Date.now()
      await postEvents(node.url, batch)
      await waitFor(() => fastView.view.seq > before, 3000, 'the fast client delta')
      latencies.push(Date.now() - started)
    }
    clearInterval(sampler)
    const stats = node.live.stats()
    assert.ok(stats.skipped > 0, 'the slow client was skipped')
    // Bound: the threshold plus at most one flush of deltas sent before it was crossed.
    assert.ok(maxBuffered > 0 && maxBuffered < MAX_BUFFERED + 2 * 1024 * 1024, `server buffer for the slow client stayed bounded (max ${maxBuffered} bytes)`)
    latencies.sort((a, b) => a - b)
    assert.ok(latencies[Math.floor(latencies.length * 0.9)]! < 1000, `fast client p90 ingest→delta ${latencies[Math.floor(latencies.length * 0.9)]} ms`)
    assert.equal(fastView.seen.gaps, 0)

    proxy.startReading()
    const truth = () => sortCells(node.live.cellsOf({ ...watched, layers: [...watched.layers] }))
    await waitFor(() => slowView.seen.keyframes > 0, 10_000, 'a keyframe for the slow client')
    await waitFor(() => JSON.stringify(slowView.view.list()) === JSON.stringify(truth()), 10_000, 'the slow client to converge')
    assert.deepEqual(fastView.view.list(), truth())
    assert.ok(node.live.stats().keyframes > 0)
  } finally {
    fast.disconnect()
    slow.disconnect()
    await proxy.close()
  }
})
