/**
 * The console's drill-down over HTTP on PostgreSQL and on PGlite (CON-1…CON-7): a real node, events
 * in through the real ingest (PostGIS units, H3 cells, text reading, roll-ups), the expected rows
 * and counts computed here from what was sent.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { cellToParent, latLngToCell } from 'h3-js'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { demoPlaces, eventAt, postEvents, startLiveNode, type LiveNode, type Place } from '../../test/support/live-node'

const MINUTE = 60_000
const TAXONOMY = (JSON.parse(readFileSync(new URL('../../data/categories.json', import.meta.url), 'utf8')) as { categories: Array<{ code: string; sla_hours: number }> }).categories
const UTC7 = 7 * 60 * MINUTE

interface Sent {
  source_id: string
  kind: 'complaint' | 'mention'
  occurredAt: number
  category: string
  where: 'A' | 'B'
}

/** Minutes ago, kind and category of what is sent to place A (a ward's point), then to B. */
const AT_A: Array<[number, 'complaint' | 'mention', string]> = [
  [3, 'complaint', 'flooding'],
  [20, 'mention', 'flooding'],
  [45, 'complaint', 'roads'],
  [95, 'complaint', 'flooding'],
  [200, 'mention', 'waste'],
  [410, 'complaint', 'flooding'],
  [700, 'complaint', 'waste'],
  [1000, 'mention', 'flooding'],
  [1300, 'complaint', 'flooding'],
  [3000, 'complaint', 'flooding'], // two days ago: outside the default 24 h
]
const AT_B: Array<[number, 'complaint' | 'mention', string]> = [
  [10, 'complaint', 'flooding'],
  [600, 'mention', 'roads'],
]

for (const driver of DRIVERS) {
  describe(`console drill-down [${driver.name}]`, () => {
    let test: TestDatabase
    let node: LiveNode
    let a: Place
    let b: Place
    let now: number
    const sent: Sent[] = []
    const ids = new Map<string, string>()

    const get = async (path: string) => {
      const res = await fetch(`${node.url}${path}`)
      return { status: res.status, body: (await res.json()) as Record<string, any> }
    }
    const cellOf = (place: Place, res: number) => cellToParent(latLngToCell(place.lat, place.lon, 9), res)
    /** Newest first, as the console lists. */
    const expectedIds = (keep: (s: Sent) => boolean) =>
      sent.filter(keep).sort((x, y) => y.occurredAt - x.occurredAt || Number(ids.get(y.source_id)) - Number(ids.get(x.source_id))).map((s) => ids.get(s.source_id)!)
    const inDay = (s: Sent) => s.occurredAt > now - 1440 * MINUTE

    async function send(place: Place, where: 'A' | 'B', rows: typeof AT_A) {
      const events = rows.map(([minutesAgo, kind, category]) =>
        eventAt(place, { kind, category, text: 'Ngập nước sâu trên đường Nguyễn Hữu Cảnh, gọi anh Nguyễn Văn Nam 0903 123 456' }, minutesAgo, now),
      )
      await postEvents(node.url, events)
      events.forEach((e, i) => sent.push({ source_id: String(e.source_id), kind: rows[i]![1], occurredAt: Date.parse(String(e.occurred_at)), category: rows[i]![2], where }))
    }

    beforeAll(async () => {
      test = await driver.create()
      node = await startLiveNode({ db: test.db })
      ;[a, b] = (await demoPlaces(test.db)).filter((p, i, all) => i === 0 || p.units[0] !== all[0]!.units[0]).slice(0, 2) as [Place, Place]
      now = node.clock.now().getTime()
      await send(a, 'A', AT_A)
      await send(b, 'B', AT_B)
      const { rows } = await test.db.query<{ id: string; source_id: string }>('SELECT id::text AS id, source_id FROM event')
      for (const row of rows) ids.set(row.source_id, row.id)
    })
    afterAll(async () => {
      await node?.close()
      await test?.drop()
    })

    it('CON-2 a cell lists exactly its events of the last 24 h, newest first, every field of CON-4', async () => {
      const { status, body } = await get(`/api/v1/cells/${cellOf(a, 9)}/events?limit=200`)
      assert.equal(status, 200)
      assert.deepEqual(body.items.map((i: { id: string }) => i.id), expectedIds((s) => s.where === 'A' && inDay(s)))
      assert.equal(body.next_cursor, null)
      const first = body.items[0]
      assert.deepEqual(Object.keys(first), ['id', 'kind', 'layer', 'occurred_at', 'received_at', 'category', 'group', 'category_confidence', 'sentiment', 'source', 'source_id', 'text', 'precision', 'units', 'cell', 'status', 'due_at', 'overdue', 'sla_state'])
      assert.equal(first.layer, 'complaints')
      assert.equal(first.cell, cellOf(a, 9))
      assert.equal(first.status, 'received')
      assert.equal(first.sla_state, 'open_on_time')
      assert.equal(first.overdue, false)
      assert.equal(first.group, 'flooding')
      assert.deepEqual(first.units, a.units)
      assert.ok(!first.text.includes('0903') && !first.text.includes('Nam') && first.text.includes('***'), first.text)
      assert.ok(!('contact' in first) && !('address' in first))
      const mention = body.items.find((i: { kind: string }) => i.kind === 'mention')
      assert.deepEqual([mention.layer, mention.status, mention.due_at, mention.overdue, mention.sla_state], ['mentions', null, null, null, null])
    })

    it('CON-2 a coarser cell holds its children; a unit lists what lies in it; 7d reaches further back', async () => {
      let res = await get(`/api/v1/cells/${cellOf(a, 6)}/events?limit=200&window=7d`)
      const coarse = new Set([cellOf(a, 6)])
      assert.deepEqual(res.body.items.map((i: { id: string }) => i.id), expectedIds((s) => coarse.has(cellOf(s.where === 'A' ? a : b, 6))))
      res = await get(`/api/v1/units/${a.units[1]}/events?limit=200`)
      assert.deepEqual(res.body.items.map((i: { id: string }) => i.id), expectedIds((s) => s.where === 'A' && inDay(s)))
      res = await get(`/api/v1/units/${b.units[0]}/events?limit=200`)
      assert.deepEqual(res.body.items.map((i: { id: string }) => i.id), expectedIds((s) => s.where === 'B'))
    })

    it('CON-3 pages through a cell with a cursor: every event once, in order', async () => {
      const seen: string[] = []
      let path = `/api/v1/cells/${cellOf(a, 9)}/events?limit=3&window=7d`
      for (let pages = 0; pages < 10; pages++) {
        const { status, body } = await get(path)
        assert.equal(status, 200)
        assert.ok(body.items.length <= 3)
        seen.push(...body.items.map((i: { id: string }) => i.id))
        if (body.next_cursor === null) break
        path = `/api/v1/cells/${cellOf(a, 9)}/events?limit=3&window=7d&cursor=${encodeURIComponent(body.next_cursor)}`
      }
      assert.deepEqual(seen, expectedIds((s) => s.where === 'A'))
    })

    it('CON-3 later pages do not move while new events arrive, even ones that occurred in between', async () => {
      const base = `/api/v1/cells/${cellOf(a, 9)}/events?limit=3`
      const first = await get(base)
      const before = expectedIds((s) => s.where === 'A' && inDay(s))
      assert.deepEqual(first.body.items.map((i: { id: string }) => i.id), before.slice(0, 3))
      // One newer than all, one between the first page's last and the next.
      const late = [eventAt(a, { kind: 'complaint', category: 'flooding', text: 'ngập thêm' }, 1, node.clock.now().getTime()), eventAt(a, { kind: 'complaint', category: 'flooding', text: 'ngập xen giữa' }, 60, now)]
      await postEvents(node.url, late)
      const second = await get(`${base}&cursor=${encodeURIComponent(first.body.next_cursor)}`)
      assert.equal(second.status, 200)
      assert.deepEqual(second.body.items.map((i: { id: string }) => i.id), before.slice(3, 6))
      const fresh = await get(base)
      assert.equal(fresh.body.items.length, 3)
      assert.notDeepEqual(fresh.body.items.map((i: { id: string }) => i.id), before.slice(0, 3), 'a new first page sees the new events')
      // From here on they are part of what was sent.
      const { rows } = await test.db.query<{ id: string; source_id: string }>('SELECT id::text AS id, source_id FROM event WHERE source_id = ANY ($1::text[])', [late.map((e) => e.source_id)])
      for (const row of rows) ids.set(row.source_id, row.id)
      for (const e of late) sent.push({ source_id: String(e.source_id), kind: 'complaint', occurredAt: Date.parse(String(e.occurred_at)), category: 'flooding', where: 'A' })
    })

    it('CON-2 filters: layer, category, status, source, sentiment', async () => {
      const cell = cellOf(a, 9)
      let res = await get(`/api/v1/cells/${cell}/events?limit=200&layer=mentions`)
      assert.deepEqual(res.body.items.map((i: { id: string }) => i.id), expectedIds((s) => s.where === 'A' && inDay(s) && s.kind === 'mention'))
      res = await get(`/api/v1/cells/${cell}/events?limit=200&category=roads,waste`)
      assert.deepEqual(res.body.items.map((i: { id: string }) => i.id), expectedIds((s) => s.where === 'A' && inDay(s) && ['roads', 'waste'].includes(s.category)))
      res = await get(`/api/v1/cells/${cell}/events?limit=200&status=open`)
      assert.deepEqual(res.body.items.map((i: { id: string }) => i.id), expectedIds((s) => s.where === 'A' && inDay(s) && s.kind === 'complaint'))
      res = await get(`/api/v1/cells/${cell}/events?limit=200&status=resolved`)
      assert.deepEqual(res.body.items, [])
      res = await get(`/api/v1/cells/${cell}/events?limit=200&source=test`)
      assert.equal(res.body.items.length, expectedIds((s) => s.where === 'A' && inDay(s)).length)
      res = await get(`/api/v1/cells/${cell}/events?limit=200&source=nobody`)
      assert.deepEqual(res.body.items, [])
      // Every text sent reads as a complaint about flooding: ingest classifies it (NLP-7).
      const all = (await get(`/api/v1/cells/${cell}/events?limit=200`)).body.items as Array<{ id: string; sentiment: string | null }>
      const sentiment = all[0]!.sentiment!
      assert.ok(['negative', 'neutral', 'positive'].includes(sentiment))
      res = await get(`/api/v1/cells/${cell}/events?limit=200&sentiment=${sentiment}`)
      assert.deepEqual(res.body.items.map((i: { id: string }) => i.id), all.filter((i) => i.sentiment === sentiment).map((i) => i.id))
      const other = ['negative', 'neutral', 'positive'].filter((s) => s !== sentiment).join(',')
      res = await get(`/api/v1/cells/${cell}/events?limit=200&sentiment=${other}`)
      assert.deepEqual(res.body.items.map((i: { id: string }) => i.id), all.filter((i) => i.sentiment !== sentiment).map((i) => i.id))
    })

    it('CON-5 the histogram: 15-minute buckets aligned to UTC+7, empty ones present, each event in its bucket', async () => {
      const { status, body } = await get(`/api/v1/cells/${cellOf(a, 8)}/histogram?bucket=15m&window=24h`)
      assert.equal(status, 200)
      const size = 15 * MINUTE
      const start = Math.floor((now - 1440 * MINUTE + UTC7) / size) * size - UTC7
      assert.equal(body.from, new Date(start).toISOString())
      assert.equal(body.bucket_minutes, 15)
      assert.ok(body.buckets.length === 96 || body.buckets.length === 97)
      const expected = body.buckets.map((bucket: { start: string }) => {
        const from = Date.parse(bucket.start)
        const here = sent.filter((s) => s.where === 'A' && Math.floor(s.occurredAt / MINUTE) * MINUTE >= from && Math.floor(s.occurredAt / MINUTE) * MINUTE < from + size)
        return { start: bucket.start, complaints: here.filter((s) => s.kind === 'complaint').length, mentions: here.filter((s) => s.kind === 'mention').length }
      })
      assert.deepEqual(body.buckets, expected)
      assert.ok(body.buckets.some((x: { complaints: number }) => x.complaints > 0))
      const units = await get(`/api/v1/units/${b.units[0]}/histogram?bucket=1h&layer=mentions`)
      assert.equal(units.body.buckets.reduce((n: number, x: { mentions: number; complaints: number }) => n + x.mentions + x.complaints, 0), 1)
    })

    it('CON-6 the summary of a unit and of a cell: counts in the window, open and overdue now', async () => {
      const { status, body } = await get(`/api/v1/units/${a.units[1]}/summary`)
      assert.equal(status, 200)
      assert.equal(body.place.kind, 'unit')
      assert.equal(body.place.code, a.units[1])
      assert.equal(body.place.level, 'ward')
      assert.equal(typeof body.place.name, 'string')
      const day = sent.filter((s) => s.where === 'A' && inDay(s))
      assert.deepEqual(body.counts, { complaints: day.filter((s) => s.kind === 'complaint').length, mentions: day.filter((s) => s.kind === 'mention').length })
      // Nothing is resolved: open counts every complaint at A, whenever received.
      assert.equal(body.open, sent.filter((s) => s.where === 'A' && s.kind === 'complaint').length)
      const slaHours = new Map(TAXONOMY.map((c) => [c.code, c.sla_hours]))
      assert.equal(body.overdue, sent.filter((s) => s.where === 'A' && s.kind === 'complaint' && s.occurredAt + slaHours.get(s.category)! * 60 * MINUTE < Date.now()).length)
      assert.equal(body.median_hours, null)
      assert.equal(body.satisfaction, null)
      const cell = await get(`/api/v1/cells/${cellOf(a, 9)}/summary?window=1h`)
      assert.deepEqual(cell.body.place, { kind: 'cell', code: cellOf(a, 9) })
      const hour = sent.filter((s) => s.where === 'A' && s.occurredAt > now - 60 * MINUTE)
      assert.deepEqual(cell.body.counts, { complaints: hour.filter((s) => s.kind === 'complaint').length, mentions: hour.filter((s) => s.kind === 'mention').length })
    })

    describe('CON-7 bad parameters: 400 naming the field', () => {
      const cell = () => cellOf(a, 9)
      const fault = async (path: string, field: string, message?: RegExp) => {
        const { status, body } = await get(path)
        assert.equal(status, 400, JSON.stringify(body))
        assert.equal(body.error.field, field)
        if (message) assert.match(body.error.message, message)
      }
      it('CON-7 a malformed cell', () => fault('/api/v1/cells/zz-not-a-cell/events', 'cell', /not an H3 cell/))
      it('CON-7 an unknown cell (hexadecimal, not an H3 index)', () => fault('/api/v1/cells/123456789abcdef/histogram', 'cell', /not an H3 cell/))
      it('CON-7 res out of range', () => fault(`/api/v1/cells/${latLngToCell(a.lat, a.lon, 10)}/events`, 'cell', /res out of range/))
      it('CON-7 from after to', () => fault(`/api/v1/cells/${cell()}/events?from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z`, 'from', /is after to/))
      it('CON-7 a window over 90 days', () => fault(`/api/v1/cells/${cell()}/summary?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z`, 'from', /at most 90/))
      it('CON-7 a bucket under 1 minute', () => fault(`/api/v1/cells/${cell()}/histogram?bucket=0m`, 'bucket', /from 1m to 24h/))
      it('CON-7 a tampered cursor', async () => {
        const { body } = await get(`/api/v1/cells/${cell()}/events?limit=1`)
        const [payload, signature] = (body.next_cursor as string).split('.')
        const state = JSON.parse(Buffer.from(payload!, 'base64url').toString())
        const edited = Buffer.from(JSON.stringify({ ...state, id: '1' })).toString('base64url')
        await fault(`/api/v1/cells/${cell()}/events?limit=1&cursor=${edited}.${signature}`, 'cursor', /tampered/)
      })
      it('CON-7 a cursor of another query', async () => {
        const { body } = await get(`/api/v1/cells/${cell()}/events?limit=1`)
        await fault(`/api/v1/cells/${cell()}/events?limit=1&layer=mentions&cursor=${encodeURIComponent(body.next_cursor)}`, 'cursor', /another query/)
      })
      it('CON-7 an unknown unit is a 404 on code', async () => {
        const { status, body } = await get('/api/v1/units/NO-SUCH/events')
        assert.equal(status, 404)
        assert.equal(body.error.field, 'code')
      })
      it('CON-7 window with from, an unknown category, an unknown parameter', async () => {
        await fault(`/api/v1/cells/${cell()}/events?window=1h&from=2026-11-20T00:00:00Z`, 'window')
        await fault(`/api/v1/cells/${cell()}/events?category=volcano`, 'category')
        await fault(`/api/v1/cells/${cell()}/events?colour=red`, 'colour')
        await fault(`/api/v1/cells/${cell()}/events?from=2026-11-20T00:00:00`, 'from')
      })
    })
  })
}
