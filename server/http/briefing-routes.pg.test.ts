/**
 * The leaders' briefing over HTTP, on both drivers (BRF-*): complaints and mentions go in through
 * the real ingest and status routes; the expected ranks, figures and sentences are worked out here
 * from the fixtures.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { percentile } from '../../test/support/percentile'
import { insertTestBoundaries, post, startTestServer } from '../../test/support/server'
import { parseCsv } from '../core/csv'
import { namedQuery } from '../db/queries'
import type { OpsWall } from '../app'

const NOW = new Date('2026-11-25T03:00:00Z') // Wednesday 10:00 in Ho Chi Minh City; the week began 58 h ago
const HOUR = 3_600_000
const WEEK = 7 * 24
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR).toISOString()
const NDJSON = { 'content-type': 'application/x-ndjson' }
const ndjson = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n'
const TAXONOMY = (JSON.parse(readFileSync(new URL('../../data/categories.json', import.meta.url), 'utf8')) as { categories: Array<{ code: string; sla_hours: number }> }).categories
const sla = (code: string) => TAXONOMY.find((c) => c.code === code)!.sla_hours

/** Ward W1 of district D1, and district D2. */
const W1 = { lat: 10.74, lon: 106.67 }
const D2 = { lat: 10.77, lon: 106.85 }

interface Fixture {
  id: string
  kind: 'complaint' | 'mention'
  hoursAgo: number
  at: { lat: number; lon: number }
  category: string
  resolvedAfter?: number
}

const FLOODING = 'Ngập sâu đường Nguyễn Hữu Cảnh, xe chết máy'
const RESOLVED: Record<number, number> = { 1: 1, 2: 2, 3: 3, 10: 10 }
const FIXTURES: Fixture[] = [
  // This week: 15 flooding complaints in W1, four resolved.
  ...Array.from({ length: 15 }, (_, i): Fixture => ({ id: `f${i + 1}`, kind: 'complaint', hoursAgo: i + 3, at: W1, category: 'flooding', ...(RESOLVED[i + 1] ? { resolvedAfter: RESOLVED[i + 1] } : {}) })),
  // This week in D2: 11 posts and 2 complaints about noise, one resolved.
  ...Array.from({ length: 11 }, (_, i): Fixture => ({ id: `m${i + 1}`, kind: 'mention', hoursAgo: i + 1, at: D2, category: 'noise' })),
  { id: 'n1', kind: 'complaint', hoursAgo: 20, at: D2, category: 'noise', resolvedAfter: 15 },
  { id: 'n2', kind: 'complaint', hoursAgo: 21, at: D2, category: 'noise' },
  // The same stretch of last week: 3 flooding complaints in W1.
  ...Array.from({ length: 3 }, (_, i): Fixture => ({ id: `p${i + 1}`, kind: 'complaint', hoursAgo: WEEK + 5 + i, at: W1, category: 'flooding' })),
]

const hoursOf = (fixtures: Fixture[]) => fixtures.flatMap((f) => (f.resolvedAfter === undefined ? [] : [f.resolvedAfter]))
const thisWeek = FIXTURES.filter((f) => f.hoursAgo < 58)
const overdue = (fixtures: Fixture[]) => fixtures.filter((f) => f.kind === 'complaint' && f.resolvedAfter === undefined && f.hoursAgo > sla(f.category)).length

for (const driver of DRIVERS) {
  describe(`briefing [${driver.name}]`, () => {
    let test: TestDatabase
    let server: OpsWall
    const get = async (path: string) => {
      const res = await fetch(`${server.url}${path}`)
      // Decoded keeping a byte order mark: Response.text() would drop it.
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
      return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), text }
    }
    const json = async (path: string) => {
      const res = await get(path)
      assert.equal(res.status, 200, res.text)
      return JSON.parse(res.text) as Record<string, any>
    }

    beforeAll(async () => {
      test = await driver.create()
      await insertTestBoundaries(test.db)
      await test.db.query(`INSERT INTO boundary (code, level, name, name_ascii, parent_code, geom) VALUES
        ('D2', 'district', 'Quận Hai', 'quan hai', NULL, ST_Multi(ST_MakeEnvelope(106.80, 10.72, 106.90, 10.82, 4326)))`)
      await test.db.query(`INSERT INTO boundary_part (code, level, geom) SELECT code, level, ST_GeometryN(geom, 1) FROM boundary WHERE code = 'D2'`)
      await test.db.query(namedQuery('boundary-chains-refresh'))
      server = await startTestServer(test.db, { clock: { now: () => NOW } })
      const events = FIXTURES.map((f) => ({ kind: f.kind, source_id: f.id, occurred_at: ago(f.hoursAgo), ...f.at, category: f.category, text: f.category === 'flooding' ? FLOODING : 'Karaoke ồn ào cả đêm' }))
      let res = await post(`${server.url}/api/v1/events`, ndjson(events), NDJSON)
      assert.equal(res.status, 200, await res.clone().text())
      const lines = FIXTURES.flatMap((f) => (f.resolvedAfter === undefined ? [] : [{ source_id: f.id, status: 'resolved', at: ago(f.hoursAgo - f.resolvedAfter) }]))
      res = await post(`${server.url}/api/v1/complaints/status`, ndjson(lines), NDJSON)
      assert.deepEqual(await res.json(), { applied: lines.length, duplicates: 0, rejected: [] })
    })
    afterAll(async () => {
      await server?.close()
      await test?.drop()
    })

    it('BRF-3 this week in the city: the top issue first with its change against the same stretch of last week', async () => {
      const body = await json('/api/v1/briefing?period=this_week&scope=city')
      assert.deepEqual(Object.keys(body), ['period', 'previous', 'scope', 'generated_at', 'top_issues', 'speed', 'divergence', 'narrative'])
      assert.deepEqual(body.period, { name: 'this_week', from: '2026-11-22T17:00:00.000Z', to: NOW.toISOString() })
      assert.deepEqual(body.previous, { from: '2026-11-15T17:00:00.000Z', to: '2026-11-18T03:00:00.000Z' })
      assert.deepEqual(body.top_issues.map((t: any) => [t.category, t.place?.code ?? null, t.total, t.previous, t.change, t.growth]), [
        ['flooding', 'W1', 15, 3, 12, 5],
        ['noise', 'D2', 13, 0, 13, null],
      ])
      assert.equal(body.top_issues[0].label.vi, 'Ngập nước · Nguyễn Hữu Cảnh · P. Bến Nghé, Q. Một')
      assert.deepEqual(body.top_issues[1].counts, { complaints: 2, mentions: 11 })
    })

    it('BRF-3 speed and satisfaction: the scope’s units one level down, fastest first, figures as LIFE-6 defines them', async () => {
      const body = await json('/api/v1/briefing?period=this_week')
      const d1 = thisWeek.filter((f) => f.at === W1 && f.kind === 'complaint')
      const d2 = thisWeek.filter((f) => f.at === D2 && f.kind === 'complaint')
      assert.deepEqual(body.speed.map((r: any) => [r.unit, r.rank_speed, r.received, r.resolved, r.median_hours, r.overdue]), [
        ['D1', 1, d1.length, 4, percentile(hoursOf(d1), 0.5), overdue(d1)],
        ['D2', 2, d2.length, 1, 15, overdue(d2)],
      ])
      assert.ok(Math.abs(body.speed[0].p90_hours - percentile(hoursOf(d1), 0.9)!) < 1e-9)
      assert.equal(body.speed[0].on_time_pct, 75)
      assert.deepEqual(Object.keys(body.speed[0]), ['unit', 'name', 'level', 'received', 'resolved', 'median_hours', 'p90_hours', 'on_time_pct', 'overdue', 'satisfaction', 'ratings', 'rank_speed', 'rank_satisfaction'])
      // Within D1: its one ward.
      const inD1 = await json('/api/v1/briefing?period=this_week&scope=D1')
      assert.deepEqual(inD1.speed.map((r: any) => [r.unit, r.received]), [['W1', d1.length]])
    })

    it('BRF-4 divergence from the roll-ups: D2 louder on social media, D1 on the hotline', async () => {
      const body = await json('/api/v1/briefing?period=this_week')
      const complaints = thisWeek.filter((f) => f.kind === 'complaint').length
      assert.deepEqual(body.divergence.map((r: any) => [r.unit, r.direction, r.mentions, r.complaints]), [
        ['D1', 'hotline_louder', 0, 15],
        ['D2', 'social_louder', 11, 2],
      ])
      assert.equal(body.divergence[0].complaint_share, Math.round((15 / complaints) * 10_000) / 10_000)
    })

    it('BRF-5 the narrative is written from these figures', async () => {
      const body = await json('/api/v1/briefing?period=this_week')
      assert.deepEqual(body.narrative.vi.slice(0, 3), [
        'Tuần này, vấn đề nổi bật nhất là Ngập nước · Nguyễn Hữu Cảnh · P. Bến Nghé, Q. Một (15 phản ánh và bài đăng).',
        'Tuần này phản ánh ngập nước tăng 5 lần ở Phường Bến Nghé, Quận Một; Quận Hai xử lý chậm nhất (trung vị 15 giờ).',
        `Quận Một có nhiều phản ánh quá hạn nhất (${overdue(thisWeek.filter((f) => f.at === W1))}).`,
      ])
      assert.equal(body.narrative.en[1], 'This week flooding reports rose 5 times in Bến Nghé ward, Một District; Hai District was the slowest to resolve (median 15 hours).')
    })

    it('BRF-5 a quiet period: no issues, units listed unranked, one sentence', async () => {
      const body = await json(`/api/v1/briefing?period=custom&from=${encodeURIComponent('2026-10-01T00:00:00+07:00')}&to=${encodeURIComponent('2026-10-02T00:00:00+07:00')}&scope=D1`)
      assert.deepEqual(body.top_issues, [])
      assert.deepEqual(body.divergence, [])
      assert.deepEqual(body.speed.map((r: any) => [r.unit, r.received, r.rank_speed]), [['W1', 0, null]])
      assert.deepEqual(body.narrative, { vi: ['Ngày 01/10/2026 không có phản ánh hay bài đăng nào ở Quận Một.'], en: ['On 01/10/2026 there were no complaints or posts in Một District.'] })
    })

    it('BRF-6 format=csv: one UTF-8 file with a BOM, the same rows as the JSON, numbers machine-readable', async () => {
      const body = await json('/api/v1/briefing?period=this_week')
      const res = await get('/api/v1/briefing?period=this_week&format=csv')
      assert.equal(res.text.charCodeAt(0), 0xfeff)
      assert.equal(res.status, 200)
      assert.equal(res.type, 'text/csv; charset=utf-8')
      assert.match(res.disposition ?? '', /^attachment; filename="?opswall-briefing-city-this_week-2026-11-22\.csv"?$/)
      const rows = parseCsv(res.text.slice(1))
      const tops = rows.filter((r) => r.section === 'top_issue')
      assert.deepEqual(tops.map((r) => [r.rank, r.id, r.total, r.previous, r.change, r.growth]), body.top_issues.map((t: any, i: number) => [String(i + 1), t.id, String(t.total), String(t.previous), String(t.change), t.growth === null ? '' : String(t.growth)]))
      assert.deepEqual(rows.filter((r) => r.section === 'speed').map((r) => [r.id, r.median_hours, r.p90_hours]), body.speed.map((s: any) => [s.unit, String(s.median_hours), String(s.p90_hours)]))
      assert.deepEqual(rows.filter((r) => r.section === 'divergence').map((r) => r.id), ['D1', 'D2'])
      assert.deepEqual(rows.filter((r) => r.section === 'narrative_vi').map((r) => r.text), body.narrative.vi)
    })

    it('BRF-2 bad parameters are 400 naming the field; an unknown scope names it', async () => {
      const cases: Array<[string, string]> = [
        ['period=month', 'period'],
        ['format=pdf', 'format'],
        ['scope=W9', 'scope'],
        ['period=custom&to=2026-11-20T00:00:00Z', 'from'],
        ['period=custom&from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z', 'from'],
        ['period=custom&from=2026-01-01T00:00:00Z&to=2026-11-19T00:00:00Z', 'to'],
        ['level=ward', 'level'],
      ]
      for (const [query, field] of cases) {
        const res = await get(`/api/v1/briefing?${query}`)
        assert.equal(res.status, 400, query)
        const error = (JSON.parse(res.text) as { error: { code: string; field: string; message: string } }).error
        assert.equal(error.field, field, query)
        assert.equal(error.code, 'bad_request')
      }
    })
  })
}
