/**
 * Fault: a wall's network is cut for 60 s of the node's clock while 15,000 events are ingested,
 * then comes back (SEQ-4 at fault-suite scale). The wall's own client must resume from its seq —
 * no fresh snapshot, no gap — and end with exactly the node's and the database's counts. Time
 * moves through the node's injected clock; the cut is a TCP proxy that drops every connection.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, test } from 'vitest'
import { DRIVERS, type TestDatabase } from '../support/databases'
import { databaseCells, demoPlaces, eventAt, heldCells, postEvents, shownCells, startLiveNode, watchLive, type LiveNode, type Place } from '../support/live-node'
import { startProxy } from '../support/tcp-proxy'
import { waitFor } from '../support/wait'

const REQUEST = { scope: 'city', layers: ['complaints', 'mentions'] as Array<'complaints' | 'mentions'>, res: 9 as const, window: '1h' as const }
const CUT_SECONDS = 60
const EVENTS_PER_SECOND = 250

let database: TestDatabase
let node: LiveNode
let places: Place[]
beforeAll(async () => {
  database = await DRIVERS.find((d) => d.name === 'pg')!.create()
  node = await startLiveNode({ db: database.db, live: { autoStep: false } })
  places = await demoPlaces(database.db)
})
afterAll(async () => {
  await node?.close()
  await database?.drop()
})

const report = (line: string) => process.stdout.write(`# fault: ${line}\n`)

let sent = 0
/** One second of the node's clock: a batch of events, then one step (one delta per changed room). */
async function oneSecond(size: number): Promise<void> {
  node.clock.advance(1000)
  const now = node.clock.now().getTime()
  const batch = Array.from({ length: size }, (_, j) => {
    const n = sent + j
    // Scattered around the demo wards so that deltas touch many cells, not the same few.
    const place = places[n % places.length]!
    return eventAt({ lat: place.lat + ((n * 7919) % 200) * 2e-5, lon: place.lon + ((n * 104_729) % 200) * 2e-5 }, { kind: n % 3 ? 'complaint' : 'mention', category: n % 2 ? 'flooding' : 'waste' }, 0, now)
  })
  await postEvents(node.url, batch)
  sent += batch.length
  node.live.step()
}

test('SEQ-4 a wall cut off for 60 s of clock time while 15,000 events are ingested resumes from its seq and converges exactly to the node and the database', async () => {
  const proxy = await startProxy(node.port)
  const cut = await watchLive(proxy.url, REQUEST)
  const steady = await watchLive(node.url, REQUEST)
  try {
    const start = steady.seq
    await oneSecond(EVENTS_PER_SECOND)
    await waitFor(() => cut.seq === start + 1 && steady.seq === start + 1, 10_000, 'both screens to follow')

    proxy.cut()
    await waitFor(() => !cut.connected, 10_000, 'the cut to be noticed')
    const cutAt = node.clock.now().getTime()
    const steppedBefore = node.clock.offsetMs
    const sentBefore = sent
    for (let i = 0; i < CUT_SECONDS; i++) await oneSecond(EVENTS_PER_SECOND)
    const cutFor = node.clock.now().getTime() - cutAt
    // The clock is real time plus the steps: the cut lasts at least the 60 s stepped.
    assert.ok(node.clock.offsetMs - steppedBefore >= CUT_SECONDS * 1000)
    report(`injected: TCP cut between one wall client and the node for ${(cutFor / 1000).toFixed(1)} s of the node's clock (${(node.clock.offsetMs - steppedBefore) / 1000} s stepped), ${sent - sentBefore} events ingested meanwhile`)
    await waitFor(() => steady.seq === start + 1 + CUT_SECONDS, 20_000, 'the steady screen to take every delta')
    assert.equal(cut.seq, start + 1, 'nothing reached the cut screen')
    assert.equal(cut.counters.resumes, 0)

    proxy.restore()
    await waitFor(() => cut.counters.resumes === 1, 20_000, 'the resume answer')
    await oneSecond(EVENTS_PER_SECOND)
    await waitFor(() => cut.seq === start + 2 + CUT_SECONDS && steady.seq === cut.seq, 20_000, 'both screens at the last seq')

    const truth = await databaseCells(database.db, REQUEST, node.clock.now())
    const counted = truth.reduce((sum, cell) => sum + cell.count, 0)
    report(`verified: the cut client resumed (snapshots ${cut.counters.snapshots}, resumes ${cut.counters.resumes}, gaps ${cut.counters.gaps}, seq ${cut.seq}); its ${shownCells(cut).length} cells equal the steady client's, the node's and the database recount (${counted} events for ${sent} sent)`)
    assert.equal(cut.counters.snapshots, 1, 'resumed from the replay history, not a fresh snapshot')
    assert.equal(cut.counters.gaps + steady.counters.gaps, 0)
    assert.deepEqual(shownCells(cut), truth)
    assert.deepEqual(shownCells(steady), truth)
    assert.deepEqual(heldCells(node.live, REQUEST), truth)
    assert.equal(counted, sent, 'every event sent is counted once')
  } finally {
    cut.close()
    steady.close()
    await proxy.close()
  }
})
