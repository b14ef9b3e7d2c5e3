/**
 * MULTI-*: two real server processes share one PostgreSQL and one Redis (127.0.0.1:6379).
 * Ingest on A shows up as a delta on a client of B; both nodes hold the same counts; expiry is
 * decided by the leader alone; connection state recovery works through the Redis Streams adapter.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, test } from 'vitest'
import type { CellCount, Snapshot } from '../core/protocol'
import { sortCells } from '../core/live-view'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { connectLive, demoPlaces, eventAt, postEvents, type Place } from '../../test/support/live-node'
import { follow, forkLiveNode, subscribe, waitFor, type Child } from './test-helpers'

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const REQUEST = { scope: 'city', layers: ['complaints', 'mentions'] as Array<'complaints' | 'mentions'>, res: 8 as const, window: '1h' as const }

let database: TestDatabase
let a: Child
let b: Child
let places: Place[]
const prefix = `opswall:live:test:${process.pid}:${Date.now()}`

beforeAll(async () => {
  database = await DRIVERS.find((d) => d.name === 'pg')!.create()
  a = await forkLiveNode({ DATABASE_URL: database.url!, REDIS_URL, LIVE_PREFIX: prefix, LIVE_HEARTBEAT_MS: '300' })
  b = await forkLiveNode({ DATABASE_URL: database.url!, REDIS_URL, LIVE_PREFIX: prefix, LIVE_HEARTBEAT_MS: '300' })
  places = await demoPlaces(database.db)
})
afterAll(async () => {
  for (const child of [a, b]) await child?.call('close').catch(() => child.process.kill())
  await database?.drop()
})

const cellsOn = async (child: Child) => sortCells(await child.call<CellCount[]>('cells', { request: REQUEST }))

test('MULTI-1 an event ingested on node A reaches a client of node B as a delta; MULTI-2 both nodes hold the same counts', async () => {
  const client = connectLive(b.url)
  try {
    const { view, seen } = follow(client)
    view.applySnapshot((await subscribe(client, REQUEST)) as Snapshot)
    const started = Date.now()
    await postEvents(a.url, [eventAt(places[0]!), eventAt(places[30]!, { kind: 'mention' })])
    await waitFor(() => view.cells.size === 2, 5000, 'the delta on node B')
    assert.ok(Date.now() - started < 2000)
    await postEvents(b.url, Array.from({ length: 50 }, (_, i) => eventAt(places[i % places.length]!)))
    await waitFor(() => view.list().reduce((s, c) => s + c.count, 0) === 52, 5000, 'all 52 events on B')
    assert.equal(seen.gaps, 0)
    const [onA, onB] = [await cellsOn(a), await cellsOn(b)]
    assert.deepEqual(onA, onB)
    assert.deepEqual(view.list(), onB)
  } finally {
    client.disconnect()
  }
})

test('MULTI-3 expiry is decided once, by the leader: a follower clock moving on changes nothing, the leader clock expires on every node', async () => {
  const statsA = await a.call<{ isLeader: boolean }>('stats')
  const statsB = await b.call<{ isLeader: boolean }>('stats')
  assert.equal(Number(statsA.isLeader) + Number(statsB.isLeader), 1, 'exactly one leader')
  const [leader, follower] = statsA.isLeader ? [a, b] : [b, a]
  const client = connectLive(follower.url)
  try {
    const { view, seen } = follow(client)
    view.applySnapshot((await subscribe(client, REQUEST)) as Snapshot)
    assert.ok(view.cells.size > 0)
    await follower.call('advance', { ms: 2 * 3_600_000 })
    await new Promise((resolve) => setTimeout(resolve, 2500))
    assert.ok(view.cells.size > 0, 'a follower clock does not expire anything')
    assert.ok((await cellsOn(leader)).length > 0)
    await leader.call('advance', { ms: 61 * 60_000 })
    await waitFor(() => view.cells.size === 0, 5000, 'the 1 h window to empty on the follower client')
    assert.ok(seen.deltas.some((d) => d.removals.length > 0))
    assert.deepEqual(await cellsOn(a), [])
    assert.deepEqual(await cellsOn(b), [])
  } finally {
    client.disconnect()
  }
})

test('MULTI-4 connection state recovery works across the Redis Streams adapter: a dropped socket comes back recovered', async () => {
  const client = connectLive(b.url, { reconnection: true, reconnectionDelay: 100, randomizationFactor: 0 })
  try {
    await subscribe(client, REQUEST)
    // Socket.IO only offers recovery to a client that received a packet with an offset: the heartbeat.
    let beats = 0
    client.on('heartbeat', () => beats++)
    await waitFor(() => beats > 0, 3000, 'a heartbeat through the adapter')
    const id = client.id
    const engine = (client.io as unknown as { engine: { close(): void } }).engine
    engine.close()
    await waitFor(() => !client.connected, 2000, 'the drop')
    await waitFor(() => client.connected, 5000, 'the reconnect')
    assert.equal(client.recovered, true)
    assert.equal(client.id, id)
  } finally {
    client.disconnect()
  }
})
