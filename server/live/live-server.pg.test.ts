/**
 * /live over a real network, on PostgreSQL and on PGlite: HTTP ingest with PostGIS enrichment and
 * roll-ups, the node stepped by hand on a clock the test moves, and the wall's own client
 * (client/live LiveConnection) as the screen. No sleeps: every wait is for something that must happen.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { cellToParent, latLngToCell } from 'h3-js'
import { PROTOCOL_VERSION, type Delta, type ErrorBody, type Kpi, type ProtocolMismatch, type SubscribeRequest, type TickerItem, type UnitTotal } from '../core/protocol'
import type { LiveConnection } from '../../client/live/live-connection'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import {
  asShown,
  barrier,
  connectLive,
  databaseCells,
  demoPlaces,
  eventAt,
  heldCells,
  postEvents,
  shownCells,
  startLiveNode,
  stepUntil,
  subscribeRaw,
  watchLive,
  type LiveNode,
  type Place,
  type RawLiveSocket,
} from '../../test/support/live-node'
import { parsePrometheusText, sampleValue } from '../../test/support/prometheus'
import { waitFor } from '../../test/support/wait'
import { loadRollups } from '../db/live-queries'
import { RETAINED_MINUTES, MINUTE_MS, SlidingWindows } from '../core/windows'
import { unitTotalsOf } from './unit-totals'

const CITY_8_1H = { scope: 'city', layers: ['complaints', 'mentions'], res: 8, window: '1h' } as const
const total = (cells: Array<{ count: number }>) => cells.reduce((sum, cell) => sum + cell.count, 0)

for (const driver of DRIVERS) {
  describe(`live server on ${driver.name}`, () => {
    let database: TestDatabase
    let node: LiveNode
    let places: Place[]
    const screens: LiveConnection[] = []
    const sockets: RawLiveSocket[] = []
    const screen = async (target: Parameters<typeof watchLive>[1]) => {
      const connection = await watchLive(node.url, target)
      screens.push(connection)
      return connection
    }
    const socket = () => {
      const s = connectLive(node.url)
      sockets.push(s)
      return s
    }
    const now = () => node.clock.now().getTime()

    beforeAll(async () => {
      database = await driver.create()
      node = await startLiveNode({ db: database.db, live: { autoStep: false } })
      places = await demoPlaces(database.db)
      assert.ok(places.length > 10, 'demo wards are loaded')
    })
    afterAll(async () => {
      for (const s of screens) s.close()
      for (const s of sockets) s.disconnect()
      await node?.close()
      await database?.drop()
    })

    test('LIVE-3 subscribe answers a snapshot, then LIVE-4 a committed batch reaches the screen as one sequenced delta, with KPI and masked ticker', async () => {
      const wall = await screen({ ...CITY_8_1H, layers: [...CITY_8_1H.layers] })
      assert.deepEqual(shownCells(wall), [])
      assert.equal(wall.kpi?.openComplaints, 0)
      const raw = socket()
      const seen = { deltas: [] as Delta[], kpis: [] as Array<Kpi & { units: UnitTotal[] }>, ticker: [] as TickerItem[] }
      raw.on('delta', (d) => seen.deltas.push(d))
      raw.on('kpi', (k) => seen.kpis.push(k))
      raw.on('ticker', (t) => seen.ticker.push(...t.items))
      const snapshot = await subscribeRaw(raw, CITY_8_1H)
      assert.equal(snapshot.type, 'snapshot')
      assert.equal(wall.units.length, 0)

      const [a, b] = [places[0]!, places[20]!]
      await postEvents(node.url, [eventAt(a, {}, 0, now()), eventAt(a, { category: 'waste' }, 0, now()), eventAt(b, { kind: 'mention', category: null }, 0, now())])
      node.live.step()
      await waitFor(() => shownCells(wall).length === 2, 10_000, 'the delta on the screen')
      await barrier(raw)
      assert.equal(seen.deltas.length, 1, 'one flush, one delta')
      assert.equal(seen.deltas[0]!.seq, snapshot.seq + 1, 'seq rises by one per delta')
      assert.equal(wall.counters.gaps, 0)
      const cellA = cellToParent(latLngToCell(a.lat, a.lon, 9), 8)
      assert.deepEqual(seen.deltas[0]!.upserts.find((u) => u.cell === cellA && u.layer === 'complaints')?.byCategory, { flooding: 1, waste: 1 })
      assert.deepEqual(shownCells(wall), await databaseCells(database.db, CITY_8_1H, node.clock.now()))

      await waitFor(() => wall.kpi?.today.complaints.total === 2, 10_000, 'the kpi push')
      assert.equal(wall.kpi?.today.mentions.total, 1)
      assert.equal(wall.kpi?.lastHour.complaints, 2)
      // WIN-10: per-unit totals come with the KPIs, units as PostGIS placed the events at ingest.
      const units = new Map(wall.units.map((u) => [u.unit, u.counts]))
      assert.deepEqual(units.get(a.units[1]!), { complaints: 2 })
      assert.deepEqual(units.get(b.units[1]!), { mentions: 1 })
      assert.equal(units.get(a.units[0]!)?.complaints, 2)
      assert.deepEqual(seen.kpis.at(-1)?.units, wall.units)
      assert.equal(seen.ticker.length, 3)
      await waitFor(() => wall.ticker.length === 3, 10_000, 'ticker items on the screen')
      for (const item of seen.ticker) {
        assert.doesNotMatch(item.text ?? '', /0903|Nguyễn/, 'ticker text is masked (PRIV-*)')
        assert.deepEqual(Object.keys(item).sort(), ['category', 'cell', 'id', 'kind', 'occurredAt', 'text', 'units'])
      }
    })

    test('GET /metrics counts the screens of this node, their subscriptions and the lag from commit to delta', async () => {
      const scrape = async () => parsePrometheusText(await (await fetch(`${node.url}/metrics`)).text())
      const before = await scrape()
      const lagCount = (families: typeof before) => sampleValue(families, 'opswall_live_delta_lag_seconds_count') ?? 0
      const wall = await screen({ scope: places[3]!.units[0]!, layers: ['complaints'], res: 7, window: '24h' })
      const during = await scrape()
      assert.equal(sampleValue(during, 'opswall_live_socket_clients'), sampleValue(before, 'opswall_live_socket_clients')! + 1)
      assert.equal(sampleValue(during, 'opswall_live_subscriptions'), sampleValue(before, 'opswall_live_subscriptions')! + 1)
      const shown = total(shownCells(wall))
      await postEvents(node.url, [eventAt(places[3]!, {}, 0, now())])
      await stepUntil(node, () => total(shownCells(wall)) === shown + 1, 'the delta')
      assert.equal(lagCount(await scrape()), lagCount(during) + 1, 'one batch, one delta lag observed')
    })

    test('LIVE-2 an invalid subscribe (or an unknown scope) is answered with an error naming the field, makes no room, and the socket stays usable', async () => {
      const s = socket()
      await assert.rejects(subscribeRaw(s, { ...CITY_8_1H, res: 12 }), (error: { body?: { field?: string; code?: string } }) => error.body?.field === 'res' && error.body.code === 'bad_request')
      await assert.rejects(subscribeRaw(s, { ...CITY_8_1H, scope: 'city; DROP' }), (error: { body?: { field?: string } }) => error.body?.field === 'scope')
      await assert.rejects(subscribeRaw(s, { ...CITY_8_1H, scope: 'NOWHERE-1' }), (error: { body?: { field?: string; code?: string } }) => error.body?.code === 'unknown_scope' && error.body.field === 'scope')
      const pick = (error: ErrorBody | null) => ({ code: error?.code, field: error?.field })
      const refusal = async (request: unknown) => {
        const answer = await s.timeout(10_000).emitWithAck('subscribe', request as SubscribeRequest)
        return 'error' in answer ? answer.error : null
      }
      assert.deepEqual(pick(await refusal({ ...CITY_8_1H, res: 99 })), { code: 'bad_request', field: 'res' })
      assert.deepEqual(pick(await refusal({ ...CITY_8_1H, window: 'forever' })), { code: 'bad_request', field: 'window' })
      assert.deepEqual(pick(await refusal({ ...CITY_8_1H, layers: Array.from({ length: 10_000 }, () => 'complaints') })), { code: 'bad_request', field: 'layers' })
      for (const notAnObject of ['city', 42, null, [CITY_8_1H]]) assert.equal((await refusal(notAnObject))?.code, 'bad_request', JSON.stringify(notAnObject))
      // 10,000 made-up scopes from one client: each refused, no room made, memory held flat.
      const rooms = node.live.stats().rooms
      const refused = await Promise.all(Array.from({ length: 10_000 }, (_, i) => refusal({ ...CITY_8_1H, layers: [...CITY_8_1H.layers], scope: `NOWHERE-${i}` })))
      assert.ok(refused.every((error) => error?.code === 'unknown_scope' && error.field === 'scope'))
      assert.equal(node.live.stats().rooms, rooms)
      const unsub = await s.timeout(5000).emitWithAck('unsubscribe', 'nope|complaints|8|1h@x.1')
      assert.ok('error' in unsub && unsub.error.code === 'not_found')
      const ok = await subscribeRaw(s, CITY_8_1H)
      assert.equal(ok.type, 'snapshot')
    })

    test('LIVE-9 a connection holds at most 16 subscriptions: the 17th is refused with a code, the socket stays usable', async () => {
      const s = socket()
      const requests = (['1h', '24h', '7d'] as const).flatMap((window) => ([6, 7, 8, 9] as const).flatMap((res) => [['complaints'], ['mentions'], ['complaints', 'mentions']].map((layers) => ({ scope: 'city', layers, res, window }))))
      const held = []
      for (const request of requests.slice(0, 16)) held.push(await subscribeRaw(s, request))
      await assert.rejects(subscribeRaw(s, requests[16]), (error: { body?: { code?: string } }) => error.body?.code === 'too_many_subscriptions')
      assert.equal((await subscribeRaw(s, requests[3])).type, 'snapshot', 'asking again for a held one is fine')
      await s.timeout(5000).emitWithAck('unsubscribe', held[0]!.subscription)
      assert.equal((await subscribeRaw(s, requests[16])).type, 'snapshot', 'room again after an unsubscribe')
    })

    test('LIVE-10 the handshake refuses another protocol version with a typed error, and serves a client that states none', async () => {
      const s = connectLive(node.url, { auth: { protocol: 999 } })
      sockets.push(s)
      const error = await new Promise<Error & { data?: ProtocolMismatch }>((resolve) => s.once('connect_error', resolve))
      assert.deepEqual(error.data, { code: 'protocol_mismatch', server: PROTOCOL_VERSION, client: 999 })
      const unstated = connectLive(node.url, { auth: {} })
      sockets.push(unstated)
      assert.equal((await subscribeRaw(unstated, CITY_8_1H)).type, 'snapshot')
    })

    test('LIVE-6 a district scope sees only its events; unsubscribe stops deltas; re-subscribe changes the view', async () => {
      const district = places[0]!.units[0]!
      const other = places.find((p) => p.units[0] !== district)!
      const districtView = { scope: district, layers: ['complaints'] as Array<'complaints'>, res: 9 as const, window: '24h' as const }
      const wall = await screen(districtView)
      const s = socket()
      const deltas: Delta[] = []
      s.on('delta', (d) => deltas.push(d))
      const first = await subscribeRaw(s, districtView)
      const before = total(shownCells(wall))
      await postEvents(node.url, [eventAt(other, {}, 0, now()), eventAt(places[0]!, {}, 0, now())])
      await stepUntil(node, () => total(shownCells(wall)) === before + 1, 'the district delta')
      assert.deepEqual(shownCells(wall), await databaseCells(database.db, districtView, node.clock.now()))
      assert.deepEqual(shownCells(wall), heldCells(node.live, districtView))

      const left = await s.timeout(5000).emitWithAck('unsubscribe', first.subscription)
      assert.deepEqual(left, { data: { subscription: first.subscription } })
      const count = deltas.length
      await postEvents(node.url, [eventAt(places[0]!, {}, 0, now())])
      node.live.step()
      await waitFor(() => total(shownCells(wall)) === before + 2, 10_000, 'the delta on the screen still subscribed')
      await barrier(s)
      assert.equal(deltas.length, count, 'no delta after unsubscribe')

      const wardCode = places[0]!.units[1]!
      const ward = await subscribeRaw(s, { scope: wardCode, layers: ['complaints'], res: 7, window: '7d' })
      assert.equal(ward.type, 'snapshot')
      if (ward.type === 'snapshot') assert.ok(ward.cells.length >= 1 && ward.kpi.scope === wardCode)
    })

    test('a peek at a unit answers exactly the cells the server holds for it, and the screen goes on following its own subscription', async () => {
      const request = { scope: 'city', layers: ['complaints', 'mentions'] as Array<'complaints' | 'mentions'>, res: 8 as const, window: '24h' as const }
      const wall = await screen(request)
      const district = places[0]!.units[0]!
      const peeked = asShown(await wall.peek(district))
      assert.ok(peeked.length > 0)
      assert.deepEqual(peeked, heldCells(node.live, { ...request, scope: district }))
      assert.deepEqual(asShown(await wall.peek('city')), shownCells(wall), 'a peek at its own question answers what it shows')
      const seq = wall.seq
      await postEvents(node.url, [eventAt(places[0]!, {}, 0, now())])
      await stepUntil(node, () => wall.seq === seq + 1, 'the next delta of the screen')
      assert.deepEqual(shownCells(wall), heldCells(node.live, request))
      assert.equal(wall.counters.gaps + wall.counters.snapshots, 1, 'no gap, no second snapshot')
    })

    test('WIN-4 a late event lands in the 24 h window, not in the last hour', async () => {
      const s = socket()
      const hour = await subscribeRaw(s, { scope: 'city', layers: ['mentions'], res: 6, window: '1h' })
      const day = await subscribeRaw(s, { scope: 'city', layers: ['mentions'], res: 6, window: '24h' })
      const deltas: Delta[] = []
      s.on('delta', (d) => deltas.push(d))
      await postEvents(node.url, [eventAt(places[5]!, { kind: 'mention', category: null }, 180, now())])
      node.live.step()
      await waitFor(() => deltas.some((d) => d.subscription === day.subscription), 10_000, 'the 24h delta')
      await barrier(s)
      assert.equal(deltas.filter((d) => d.subscription === hour.subscription).length, 0)
    })

    test('WIN-3 with a stepped clock: an hour later the 1 h window empties on the screen and matches the database', async () => {
      const request = { scope: 'city', layers: ['complaints', 'mentions'] as Array<'complaints' | 'mentions'>, res: 9 as const, window: '1h' as const }
      const wall = await screen(request)
      await postEvents(node.url, [eventAt(places[7]!, {}, 0, now()), eventAt(places[8]!, { kind: 'mention' }, 0, now())])
      await stepUntil(node, () => total(shownCells(wall)) > 0 && total(shownCells(wall)) === total(heldCells(node.live, request)), 'the events on the screen')
      assert.deepEqual(shownCells(wall), await databaseCells(database.db, request, node.clock.now()))
      const seqBefore = wall.seq

      node.clock.advance(61 * 60_000)
      await stepUntil(node, () => shownCells(wall).length === 0, 'the 1 h window to empty')
      assert.ok(wall.seq > seqBefore, 'expiry is pushed as deltas')
      assert.equal(wall.counters.gaps, 0)
      assert.deepEqual(await databaseCells(database.db, request, node.clock.now()), [])
    })

    test('WIN-11 events sent with a unit and no point reach the screen as place-only counts at that unit, rebuild alike from the roll-ups, and expire', async () => {
      const [district, ward] = places[12]!.units as [string, string]
      const request = { scope: district, layers: ['mentions'] as Array<'mentions'>, res: 7 as const, window: '1h' as const }
      const wall = await screen(request)
      const cellsBefore = shownCells(wall)
      const noPoint = (unit: string) => {
        const { lat: _lat, lon: _lon, ...rest } = eventAt(places[12]!, { kind: 'mention', unit }, 0, now())
        return rest
      }
      await postEvents(node.url, [noPoint(ward), noPoint(ward), noPoint(district)])
      const placeOnlyOf = (code: string) => wall.units.find((u) => u.unit === code)?.placeOnly?.mentions ?? 0
      await stepUntil(node, () => placeOnlyOf(ward) === 2 && placeOnlyOf(district) === 1, 'the place-only counts on the screen')
      assert.equal(wall.units.find((u) => u.unit === district)?.counts.mentions, 3, 'the district\'s total holds its wards\' events too (WIN-10)')
      assert.deepEqual(shownCells(wall), cellsBefore, 'no cell: they have no point')
      // What a restart (LIVE-5) or a recount (LIVE-12) counts from: the roll-ups, whose cell is '' for these.
      const rebuilt = new SlidingWindows({ now: node.clock.now() })
      rebuilt.add(await loadRollups(database.db, new Date(node.clock.now().getTime() - RETAINED_MINUTES * MINUTE_MS)))
      for (const window of ['1h', '24h'] as const) {
        const spec = { scope: district, window, layers: ['complaints', 'mentions'] as const }
        assert.deepEqual(unitTotalsOf(rebuilt, spec), unitTotalsOf(node.live.node.aggregator.windows, spec), window)
      }
      node.clock.advance(61 * 60_000)
      await stepUntil(node, () => placeOnlyOf(ward) === 0 && placeOnlyOf(district) === 0, 'the place-only counts to leave with the hour')
      assert.equal(wall.units.length, 0)
    })

    test('LIVE-5 a restarted node rebuilds every window from the roll-ups and keeps the counts', async () => {
      const requests = [CITY_8_1H, { scope: 'city', layers: ['complaints'], res: 9, window: '24h' }, { scope: places[0]!.units[0]!, layers: ['complaints', 'mentions'], res: 6, window: '7d' }] as const
      const beforeRestart = requests.map((r) => heldCells(node.live, { ...r, layers: [...r.layers] }))
      assert.ok(beforeRestart.slice(1).every((cells) => cells.length > 0))
      const tickerBefore = ((await subscribeRaw(socket(), CITY_8_1H)) as { ticker: Array<{ id: string }> }).ticker.map((t) => t.id)
      assert.ok(tickerBefore.length > 0)
      for (const s of screens.splice(0)) s.close()
      for (const s of sockets.splice(0)) s.disconnect()
      const clock = node.clock
      await node.close()
      // A new node on the same database: nothing but the database carries the state over.
      node = await startLiveNode({ db: database.db, clock, live: { autoStep: false } })
      for (const [i, r] of requests.entries()) {
        const wall = await screen({ ...r, layers: [...r.layers] })
        assert.deepEqual(shownCells(wall), beforeRestart[i])
        assert.deepEqual(shownCells(wall), await databaseCells(database.db, r, node.clock.now()))
      }
      const after = (await subscribeRaw(socket(), CITY_8_1H)) as { ticker: Array<{ id: string; occurredAt: string }> }
      assert.deepEqual(after.ticker.map((t) => t.id), tickerBefore, 'the ticker is rebuilt from the database too')
      const times = after.ticker.map((t) => Date.parse(t.occurredAt))
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first')
    })
  })
}
