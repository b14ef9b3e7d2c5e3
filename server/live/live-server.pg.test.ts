/**
 * /live over a real network: real socket.io-client, the lead's HTTP ingest with PostGIS
 * enrichment and roll-ups, on PostgreSQL and on PGlite.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { cellToParent, latLngToCell } from 'h3-js'
import type { Delta, UnitTotal } from '../core/protocol'
import { sortCells } from '../core/live-view'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { connectLive, demoPlaces, eventAt, postEvents, startLiveNode, type LiveClient, type LiveNode, type Place } from '../../test/support/live-node'
import { follow, subscribe, waitFor } from './test-helpers'

const CITY_8_1H = { scope: 'city', layers: ['complaints', 'mentions'], res: 8, window: '1h' } as const

for (const driver of DRIVERS) {
  describe(`live server on ${driver.name}`, () => {
    let database: TestDatabase
    let node: LiveNode
    let places: Place[]
    const clients: LiveClient[] = []
    const client = () => {
      const c = connectLive(node.url)
      clients.push(c)
      return c
    }

    beforeAll(async () => {
      database = await driver.create()
      node = await startLiveNode({ db: database.db })
      places = await demoPlaces(database.db)
      assert.ok(places.length > 10, 'demo wards are loaded')
    })
    afterAll(async () => {
      for (const c of clients) c.disconnect()
      await node?.close()
      await database?.drop()
    })

    test('LIVE-3 subscribe answers a snapshot, then LIVE-4 a committed batch arrives as one sequenced delta, with KPI and masked ticker', async () => {
      const c = client()
      const { view, seen } = follow(c)
      const snapshot = await subscribe(c, CITY_8_1H)
      assert.equal(snapshot.type, 'snapshot')
      if (snapshot.type !== 'snapshot') return
      view.applySnapshot(snapshot)
      assert.equal(snapshot.seq, 0)
      assert.deepEqual(snapshot.cells, [])
      assert.equal(snapshot.kpi.openComplaints, 0)
      assert.deepEqual(snapshot.units, [])

      const [a, b] = [places[0]!, places[20]!]
      const sent = Date.now()
      await postEvents(node.url, [eventAt(a), eventAt(a, { category: 'waste' }), eventAt(b, { kind: 'mention', category: null })])
      await waitFor(() => view.cells.size === 2, 3000, 'the delta')
      assert.ok(Date.now() - sent < 1500)
      assert.equal(seen.gaps, 0)
      assert.equal(view.seq, seen.deltas.length, 'seq rises by one per delta')
      const cellA = cellToParent(latLngToCell(a.lat, a.lon, 9), 8)
      assert.deepEqual(view.cells.get(`complaints|${cellA}`)?.byCategory, { flooding: 1, waste: 1 })
      assert.deepEqual(view.list(), sortCells(node.live.cellsOf({ ...CITY_8_1H, layers: [...CITY_8_1H.layers] })))

      await waitFor(() => seen.kpis.some((k) => k.today.complaints.total === 2), 3000, 'the kpi push')
      const kpi = seen.kpis.at(-1)!
      assert.equal(kpi.today.mentions.total, 1)
      assert.equal(kpi.lastHour.complaints, 2)
      // WIN-10: per-unit totals come with the KPIs, units as PostGIS placed the events at ingest.
      const units = new Map((kpi as typeof kpi & { units: UnitTotal[] }).units.map((u) => [u.unit, u.counts]))
      assert.deepEqual(units.get(a.units[1]!), { complaints: 2 })
      assert.deepEqual(units.get(b.units[1]!), { mentions: 1 })
      assert.equal(units.get(a.units[0]!)?.complaints, 2)
      await waitFor(() => seen.tickers.flat().length === 3, 3000, 'ticker items')
      for (const item of seen.tickers.flat()) {
        assert.doesNotMatch(item.text ?? '', /0903|Nguyễn/, 'ticker text is masked (PRIV-*)')
        assert.deepEqual(Object.keys(item).sort(), ['category', 'cell', 'id', 'kind', 'occurredAt', 'text', 'units'])
      }
    })

    test('LIVE-2 an invalid subscribe is answered with an error naming the field, and the socket stays usable', async () => {
      const c = client()
      await assert.rejects(subscribe(c, { ...CITY_8_1H, res: 12 }), (error: { body?: { field?: string; code?: string } }) => error.body?.field === 'res' && error.body.code === 'bad_request')
      await assert.rejects(subscribe(c, { ...CITY_8_1H, scope: 'city; DROP' }), (error: { body?: { field?: string } }) => error.body?.field === 'scope')
      const unsub = await c.timeout(5000).emitWithAck('unsubscribe', 'nope|complaints|8|1h@x.1')
      assert.ok('error' in unsub && unsub.error.code === 'not_found')
      const ok = await subscribe(c, CITY_8_1H)
      assert.equal(ok.type, 'snapshot')
    })

    test('LIVE-6 a district scope sees only its events; unsubscribe stops deltas; re-subscribe changes the view', async () => {
      const c = client()
      const { view, seen } = follow(c)
      const district = places[0]!.units[0]!
      const other = places.find((p) => p.units[0] !== district)!
      const districtView = { scope: district, layers: ['complaints'], res: 9, window: '24h' }
      const first = await subscribe(c, districtView)
      if (first.type !== 'snapshot') throw new Error('expected a snapshot')
      view.applySnapshot(first)
      const before = view.cells.size
      await postEvents(node.url, [eventAt(other), eventAt(places[0]!)])
      await waitFor(() => seen.deltas.length >= 1, 3000, 'a delta of the district')
      await new Promise((resolve) => setTimeout(resolve, 300))
      assert.equal(view.cells.size, Math.max(before, 1))
      assert.ok(seen.deltas.every((d) => d.upserts.every((u) => u.layer === 'complaints')))
      assert.deepEqual(view.list(), sortCells(node.live.cellsOf({ ...districtView, layers: ['complaints'], res: 9, window: '24h' })))

      const left = await c.timeout(5000).emitWithAck('unsubscribe', first.subscription)
      assert.deepEqual(left, { data: { subscription: first.subscription } })
      const count = seen.deltas.length
      await postEvents(node.url, [eventAt(places[0]!)])
      await new Promise((resolve) => setTimeout(resolve, 400))
      assert.equal(seen.deltas.length, count, 'no delta after unsubscribe')

      const wardCode = places[0]!.units[1]!
      const ward = await subscribe(c, { scope: wardCode, layers: ['complaints'], res: 7, window: '7d' })
      assert.equal(ward.type, 'snapshot')
      if (ward.type === 'snapshot') assert.ok(ward.cells.length >= 1 && ward.kpi.scope === wardCode)
    })

    test('WIN-4 a late event lands in the 24 h window, not in the last hour', async () => {
      const c = client()
      const hour = await subscribe(c, { scope: 'city', layers: ['mentions'], res: 6, window: '1h' })
      const day = await subscribe(c, { scope: 'city', layers: ['mentions'], res: 6, window: '24h' })
      const deltas: Delta[] = []
      c.on('delta', (d) => deltas.push(d))
      await postEvents(node.url, [eventAt(places[5]!, { kind: 'mention', category: null }, 180)])
      await waitFor(() => deltas.some((d) => d.subscription === day.subscription), 3000, 'the 24h delta')
      await new Promise((resolve) => setTimeout(resolve, 300))
      assert.equal(deltas.filter((d) => d.subscription === hour.subscription).length, 0)
    })

    test('LIVE-5 a restarted node rebuilds every window from the roll-ups and keeps the counts', async () => {
      const requests = [CITY_8_1H, { scope: 'city', layers: ['complaints'], res: 9, window: '24h' }, { scope: places[0]!.units[0]!, layers: ['complaints', 'mentions'], res: 6, window: '7d' }] as const
      const beforeRestart = requests.map((r) => sortCells(node.live.cellsOf({ ...r, layers: [...r.layers] })))
      assert.ok(beforeRestart.every((cells) => cells.length > 0))
      const tickerBefore = ((await subscribe(client(), CITY_8_1H)) as { ticker: Array<{ id: string }> }).ticker.map((t) => t.id)
      assert.ok(tickerBefore.length > 0)
      const unitsBefore = await Promise.all(requests.map(async (r) => ((await subscribe(client(), r)) as { units: UnitTotal[] }).units))
      assert.ok(unitsBefore.every((units) => units.length > 0))
      for (const c of clients.splice(0)) c.disconnect()
      await node.close()
      // A new node on the same database: nothing but the database carries the state over.
      node = await startLiveNode({ db: database.db })
      const c = client()
      for (const [i, r] of requests.entries()) {
        const snapshot = await subscribe(c, r)
        assert.equal(snapshot.type, 'snapshot')
        if (snapshot.type === 'snapshot') assert.deepEqual(sortCells(snapshot.cells), beforeRestart[i])
        if (snapshot.type === 'snapshot') assert.deepEqual(snapshot.units, unitsBefore[i], 'unit totals are rebuilt from the roll-ups')
      }
      const after = (await subscribe(c, CITY_8_1H)) as { ticker: Array<{ id: string; occurredAt: string }> }
      assert.deepEqual(after.ticker.map((t) => t.id), tickerBefore, 'the ticker is rebuilt from the database too')
      const times = after.ticker.map((t) => Date.parse(t.occurredAt))
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first')
    })
  })
}
