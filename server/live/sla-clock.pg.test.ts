/**
 * The SLA clock live on the socket, on PostgreSQL and on PGlite (LIVE-15, KPI-4, LIFE-3): a real
 * node stepped by hand on a clock the test moves, the wall's own client (client/live
 * LiveConnection) for the KPI, and a bare socket recording every `overdue` event. Deadlines pass
 * with no new event; status changes go through the HTTP route a hotline system uses.
 */
import { percentile } from '../../test/support/percentile'
import assert from 'node:assert/strict'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { cellToParent, latLngToCell } from 'h3-js'
import type { LiveConnection } from '../../client/live/live-connection'
import { DEV_API_KEY } from '../config'
import type { Overdue, SubscribeRequest } from '../core/protocol'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { barrier, connectLive, demoPlaces, eventAt, postEvents, startLiveNode, stepUntil, subscribeRaw, watchLive, type LiveNode, type Place, type RawLiveSocket } from '../../test/support/live-node'
import { waitFor } from '../../test/support/wait'

const HOUR = 3_600_000


for (const driver of DRIVERS) {
  describe(`the SLA clock live on ${driver.name}`, () => {
    let database: TestDatabase
    let node: LiveNode
    let place: Place
    let request: SubscribeRequest
    let wall: LiveConnection
    /** A bare screen of the same request and one of another district: every `overdue` they got. */
    let watcher: { socket: RawLiveSocket; subscription: string; seen: Overdue[] }
    let elsewhere: { socket: RawLiveSocket; subscription: string; seen: Overdue[] }
    /** What the test knows of its complaints, from what it sent and what the routes answered. */
    const complaints = new Map<string, { id: string; receivedAt: number; resolvedAt?: number }>()

    const now = () => node.clock.now().getTime()
    const layerOf = (screen: { seen: Overdue[]; subscription: string }) => screen.seen.filter((o) => o.subscription === screen.subscription).at(-1)?.cells
    const cellOfPlace = () => cellToParent(latLngToCell(place.lat, place.lon, 9), request.res)

    async function watch(scopeRequest: SubscribeRequest) {
      const socket = connectLive(node.url)
      const seen: Overdue[] = []
      socket.on('overdue', (overdue) => seen.push(overdue))
      const answer = await subscribeRaw(socket, scopeRequest)
      return { socket, subscription: answer.subscription, seen }
    }

    async function ingest(name: string): Promise<void> {
      const event = eventAt(place, { category: 'flooding' }, 0, now())
      await postEvents(node.url, [event])
      const { rows } = await database.db.query<{ id: string }>('SELECT id::text AS id FROM event WHERE source_id = $1', [event.source_id])
      complaints.set(name, { id: rows[0]!.id, receivedAt: Date.parse(String(event.occurred_at)) })
    }

    async function changeStatus(name: string, status: string): Promise<{ at: string; due_at: string; overdue: boolean }> {
      const response = await fetch(`${node.url}/api/v1/complaints/${complaints.get(name)!.id}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': DEV_API_KEY },
        body: JSON.stringify({ status }),
      })
      assert.equal(response.status, 200, await response.clone().text())
      return (await response.json()) as { at: string; due_at: string; overdue: boolean }
    }

    async function dueAt(name: string): Promise<number> {
      const { rows } = await database.db.query<{ due_at: Date }>('SELECT due_at FROM complaint WHERE event_id = $1', [complaints.get(name)!.id])
      return new Date(rows[0]!.due_at).getTime()
    }

    /** Moves the clock past the next complaint-figures refresh (5 s) and steps until `check` holds. */
    const refreshUntil = async (check: () => boolean, what: string) => {
      node.clock.advance(5000)
      await stepUntil(node, check, what)
    }

    beforeAll(async () => {
      database = await driver.create()
      node = await startLiveNode({ db: database.db, live: { autoStep: false } })
      const places = await demoPlaces(database.db)
      place = places[0]!
      const other = places.find((p) => p.units[0] !== place.units[0])!
      request = { scope: place.units[0]!, layers: ['complaints'], res: 8, window: '7d' }
      await ingest('A')
      wall = await watchLive(node.url, { scope: request.scope, layers: [...request.layers], res: request.res, window: request.window })
      watcher = await watch(request)
      elsewhere = await watch({ ...request, scope: other.units[0]! })
      // The ingest's own delta, so that the test can tell that nothing else comes.
      await stepUntil(node, () => wall.seq === 1, 'the delta of the ingested complaint')
    })
    afterAll(async () => {
      wall?.close()
      watcher?.socket.disconnect()
      elsewhere?.socket.disconnect()
      await node?.close()
      await database?.drop()
    })

    test('LIVE-15 the SLA crossing, with a stepped clock and over the socket: the KPI and the overdue layer change with no new event; a resolution takes it off', async () => {
      assert.deepEqual([wall.kpi?.openComplaints, wall.kpi?.overdueComplaints, wall.kpi?.resolvedToday], [1, 0, 0])
      await waitFor(() => layerOf(watcher) !== undefined, 10_000, 'the overdue layer after the snapshot')
      assert.deepEqual(layerOf(watcher), [])
      const seq = wall.seq

      // A flooding complaint has 4 h; a minute past its deadline, with nothing ingested meanwhile.
      const deadline = await dueAt('A')
      assert.equal(deadline - complaints.get('A')!.receivedAt, 4 * HOUR)
      node.clock.advance(deadline + 60_000 - now())
      await stepUntil(node, () => wall.kpi?.overdueComplaints === 1, 'the KPI to count the complaint overdue')
      await stepUntil(node, () => layerOf(watcher)?.length === 1, 'the overdue cell on the layer')
      assert.deepEqual(layerOf(watcher), [{ cell: cellOfPlace(), count: 1 }], 'at the subscription\'s resolution')
      assert.equal(wall.kpi?.openComplaints, 1)
      assert.equal(wall.seq, seq, 'no delta: no event came')
      assert.equal(wall.counters.gaps + wall.counters.snapshots, 1)
      await barrier(elsewhere.socket)
      assert.ok(elsewhere.seen.length > 0 && elsewhere.seen.every((o) => o.cells.length === 0), 'another district sees none of it')

      const resolved = await changeStatus('A', 'resolved')
      assert.equal(resolved.overdue, false, 'a resolved complaint\'s clock stands still')
      complaints.set('A', { ...complaints.get('A')!, resolvedAt: Date.parse(resolved.at) })
      await refreshUntil(() => wall.kpi?.overdueComplaints === 0 && wall.kpi.resolvedToday === 1, 'the resolution on the KPI')
      assert.equal(wall.kpi?.openComplaints, 0)
      await stepUntil(node, () => layerOf(watcher)?.length === 0, 'the cell to leave the layer')
    })

    test('LIFE-3 / LIVE-15 reopened, the clock runs on from where it stopped: overdue when its remaining time is spent, not 4 h later', async () => {
      await ingest('B')
      const received = complaints.get('B')!.receivedAt
      node.clock.advance(3 * HOUR)
      const resolved = await changeStatus('B', 'resolved')
      complaints.set('B', { ...complaints.get('B')!, resolvedAt: Date.parse(resolved.at) })
      const leftAtResolution = received + 4 * HOUR - Date.parse(resolved.at)

      node.clock.advance(10 * HOUR)
      const reopened = await changeStatus('B', 'reopened')
      assert.equal(Date.parse(reopened.due_at), Date.parse(reopened.at) + leftAtResolution, 'the deadline moved by the time the clock stood still')
      await refreshUntil(() => wall.kpi?.openComplaints === 1, 'the reopened complaint open on the KPI')
      assert.equal(wall.kpi?.overdueComplaints, 0, 'with about an hour left: not overdue, though 13 h passed since it was received')

      node.clock.advance(Date.parse(reopened.due_at) + 60_000 - now())
      await stepUntil(node, () => wall.kpi?.overdueComplaints === 1, 'the KPI to count it overdue once its remaining time is spent')
      await stepUntil(node, () => layerOf(watcher)?.length === 1, 'the overdue cell on the layer')
      assert.deepEqual(layerOf(watcher), [{ cell: cellOfPlace(), count: 1 }])
    })

    test('LIVE-15 the KPI carries the last 7 days\' processing figures, as PostgreSQL\'s percentile_cont computes them', async () => {
      const rating = await fetch(`${node.url}/api/v1/complaints/${complaints.get('A')!.id}/rating`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': DEV_API_KEY },
        body: JSON.stringify({ score: 4 }),
      })
      assert.equal(rating.status, 201)
      node.clock.advance(60_000)
      await stepUntil(node, () => wall.kpi?.processing?.ratings === 1, 'the processing figures with the rating')
      // Both were received in the last 7 days and first resolved once (B is open again: it still counts).
      const hours = [...complaints.values()].map((c) => (c.resolvedAt! - c.receivedAt) / HOUR)
      const processing = wall.kpi!.processing!
      assert.deepEqual({ ...processing, medianHours: null, p90Hours: null }, { periodDays: 7, resolved: 2, medianHours: null, p90Hours: null, onTimePct: 50, satisfaction: 4, ratings: 1 })
      assert.ok(Math.abs(processing.medianHours! - percentile(hours, 0.5)!) < 1e-9, `median ${processing.medianHours} of ${hours}`)
      assert.ok(Math.abs(processing.p90Hours! - percentile(hours, 0.9)!) < 1e-9, `p90 ${processing.p90Hours} of ${hours}`)
    })
  })
}
