/**
 * Replay over HTTP on PostgreSQL and on PGlite (CON-9): events in through the real ingest, frames
 * from the minute roll-ups checked against counts computed here from what was sent, and the last
 * frame against what the wall's own live client shows at that instant.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { cellToParent, latLngToCell } from 'h3-js'
import type { LiveConnection } from '../../client/live/live-connection'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { demoPlaces, eventAt, postEvents, shownCells, startLiveNode, stepUntil, watchLive, type LiveNode, type Place } from '../../test/support/live-node'

const MINUTE = 60_000
/** [minutes ago, kind, place]: none near the 1 h edge, so a minute turning mid-test changes nothing. */
const SENT: Array<[number, 'complaint' | 'mention', 0 | 1]> = [
  [2, 'complaint', 0],
  [3, 'complaint', 0],
  [10, 'mention', 1],
  [40, 'complaint', 1],
  [45, 'mention', 0],
  [80, 'complaint', 0],
  [130, 'complaint', 1],
  [170, 'mention', 0],
]

for (const driver of DRIVERS) {
  describe(`console replay [${driver.name}]`, () => {
    let test: TestDatabase
    let node: LiveNode
    let places: Place[]
    let wall: LiveConnection
    let now: number
    const occurred: Array<{ minute: number; layer: 'complaints' | 'mentions'; cell: string }> = []

    const get = async (path: string) => {
      const res = await fetch(`${node.url}${path}`)
      return { status: res.status, body: (await res.json()) as Record<string, any> }
    }
    /** What a 1 h window at `at` holds per r8 cell, from what was sent (WIN-2). */
    function expectedAt(at: number, windowMinutes = 60) {
      const minute = Math.floor(at / MINUTE)
      const counts = new Map<string, { cell: string; layer: string; count: number }>()
      for (const e of occurred) {
        if (e.minute <= minute - windowMinutes || e.minute > minute) continue
        const key = `${e.layer}|${e.cell}`
        const entry = counts.get(key) ?? { cell: e.cell, layer: e.layer, count: 0 }
        entry.count++
        counts.set(key, entry)
      }
      return [...counts.values()].sort((a, b) => a.layer.localeCompare(b.layer) || a.cell.localeCompare(b.cell))
    }

    beforeAll(async () => {
      test = await driver.create()
      node = await startLiveNode({ db: test.db })
      const all = await demoPlaces(test.db)
      places = [all[0]!, all.find((p) => p.units[0] !== all[0]!.units[0])!]
      wall = await watchLive(node.url, { scope: 'city', layers: ['complaints', 'mentions'], res: 8, window: '1h' })
      now = node.clock.now().getTime()
      const events = SENT.map(([minutesAgo, kind, where]) => eventAt(places[where]!, { kind }, minutesAgo, now))
      await postEvents(node.url, events)
      events.forEach((e, i) => {
        const place = places[SENT[i]![2]]!
        occurred.push({ minute: Math.floor(Date.parse(String(e.occurred_at)) / MINUTE), layer: SENT[i]![1] === 'complaint' ? 'complaints' : 'mentions', cell: cellToParent(latLngToCell(place.lat, place.lon, 9), 8) })
      })
      const inHour = SENT.filter(([m]) => m < 60).length
      await stepUntil(node, () => shownCells(wall).reduce((n, c) => n + c.count, 0) === inHour, 'the wall shows the last hour')
    })
    afterAll(async () => {
      wall?.close()
      await node?.close()
      await test?.drop()
    })

    it('CON-9 every frame holds the 1 h window at its instant; the last one is what the wall shows now', async () => {
      const to = node.clock.now()
      const from = new Date(to.getTime() - 180 * MINUTE)
      const { status, body } = await get(`/api/v1/replay?res=8&from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&step=5m`)
      assert.equal(status, 200)
      assert.deepEqual([body.scope, body.res, body.step_minutes, body.window, body.frames.length], ['city', 8, 5, '1h', 37])
      body.frames.forEach((frame: { at: string; cells: unknown[] }, i: number) => {
        assert.equal(frame.at, new Date(from.getTime() + i * 5 * MINUTE).toISOString())
        assert.deepEqual(frame.cells, expectedAt(Date.parse(frame.at)), frame.at)
      })
      const last = body.frames.at(-1) as { cells: Array<{ cell: string; layer: string; count: number }> }
      assert.deepEqual(last.cells.map(({ layer, cell, count }) => ({ layer, cell, count })), shownCells(wall))
    })

    it('CON-9 defaults: the last 24 h at 5-minute steps; a 24 h window; a unit scope; one layer', async () => {
      let { body } = await get('/api/v1/replay')
      assert.equal(body.frames.length, 289)
      assert.equal(body.res, 8)
      assert.deepEqual(body.frames.at(-1).cells, expectedAt(Date.parse(body.frames.at(-1).at)))
      ;({ body } = await get('/api/v1/replay?window=24h&step=1h'))
      assert.deepEqual(body.frames.at(-1).cells, expectedAt(Date.parse(body.frames.at(-1).at), 1440))
      const district = places[1]!.units[0]!
      ;({ body } = await get(`/api/v1/replay?scope=${district}&layer=complaints&window=24h&res=9`))
      const cells = body.frames.at(-1).cells as Array<{ cell: string; layer: string; count: number }>
      const there = SENT.filter(([, kind, where]) => where === 1 && kind === 'complaint').length
      assert.deepEqual(cells, [{ cell: latLngToCell(places[1]!.lat, places[1]!.lon, 9), layer: 'complaints', count: there }])
    })

    it('CON-5 CON-9 replay and histograms read the roll-ups only: with the events deleted they answer the same', async () => {
      const district = places[0]!.units[0]!
      const to = encodeURIComponent(node.clock.now().toISOString())
      const from = encodeURIComponent(new Date(node.clock.now().getTime() - 6 * 60 * MINUTE).toISOString())
      const paths = [`/api/v1/replay?res=7&window=24h&from=${from}&to=${to}`, `/api/v1/units/${district}/histogram?bucket=1h&from=${from}&to=${to}`]
      const before = await Promise.all(paths.map(get))
      assert.ok(before[0]!.body.frames.at(-1).cells.length > 0)
      assert.ok(before[1]!.body.buckets.some((b: { complaints: number }) => b.complaints > 0))
      await test.db.query('DELETE FROM event')
      const after = await Promise.all(paths.map(get))
      assert.deepEqual(after, before)
    })

    it('CON-7 replay\'s bad parameters name themselves', async () => {
      const fault = async (query: string, field: string) => {
        const { status, body } = await get(`/api/v1/replay?${query}`)
        assert.equal(status, 400, query)
        assert.equal(body.error.field, field, query)
      }
      await fault('step=0m', 'step')
      await fault('step=30s', 'step')
      await fault('step=1m&from=2026-11-01T00:00:00Z&to=2026-11-03T00:00:00Z', 'step')
      await fault('res=5', 'res')
      await fault('res=10', 'res')
      await fault('from=2026-11-03T00:00:00Z&to=2026-11-01T00:00:00Z', 'from')
      await fault('window=7d', 'window')
      await fault('scope=NOWHERE', 'scope')
    })
  })
}
