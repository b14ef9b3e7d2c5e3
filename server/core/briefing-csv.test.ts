import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import type { Briefing } from './briefing'
import { BRIEFING_CSV_COLUMNS, briefingCsv } from './briefing-csv'
import { parseCsv, writeCsv } from './csv'

const BRIEFING: Briefing = {
  period: { name: 'this_week', from: '2026-11-22T17:00:00.000Z', to: '2026-11-25T03:00:00.000Z' },
  previous: { from: '2026-11-15T17:00:00.000Z', to: '2026-11-18T03:00:00.000Z' },
  scope: 'city',
  generated_at: '2026-11-25T03:00:00.000Z',
  top_issues: [
    {
      id: 'flooding|778|nguyen huu canh', label: { vi: 'Ngập nước · Nguyễn Hữu Cảnh · Q.7', en: 'Flooding · Nguyễn Hữu Cảnh · District 7' }, category: 'flooding', group: 'flooding',
      place: { code: '778', level: 'district', name: 'Quận 7' }, phrase: 'Nguyễn Hữu Cảnh', counts: { complaints: 1200, mentions: 34 }, total: 1234, previous: 385.6, growth: 3.2, change: 848.4, samples: ['a, "b"'], cells: [],
    },
  ],
  speed: [{ unit: '765', name: 'Quận Bình Thạnh', level: 'district', received: 1500, resolved: 3, median_hours: 41.25, p90_hours: 60, on_time_pct: 33.333333333333336, overdue: 2, satisfaction: 3.5, ratings: 2, rank_speed: 1, rank_satisfaction: null }],
  divergence: [{ unit: '778', name: 'Quận 7', level: 'district', mentions: 60, complaints: 10, mention_share: 0.6, complaint_share: 0.1, score: 0.5, direction: 'social_louder' }],
  narrative: { vi: ['Tuần này, vấn đề nổi bật nhất là Ngập nước · Q.7 (1.234 phản ánh và bài đăng).'], en: ['This week, the top issue is Flooding · District 7 (1,234 complaints and posts).'] },
}

describe('briefing CSV', () => {
  it('BRF-6 one file, a BOM for Excel, one header; each table’s rows told apart by section; numbers machine-readable', () => {
    const text = briefingCsv(BRIEFING)
    assert.ok(text.startsWith('\uFEFFsection,rank,id,'))
    const rows = parseCsv(text.slice(1))
    assert.deepEqual(Object.keys(rows[0]!), [...BRIEFING_CSV_COLUMNS])
    assert.deepEqual(rows.map((r) => r.section), ['period', 'previous', 'top_issue', 'speed', 'divergence', 'narrative_vi', 'narrative_en'])
    const [period, previous, top, speed, divergent, vi, en] = rows as Array<Record<string, string>>
    assert.deepEqual([period!.id, period!.name, period!.text], ['city', 'this_week', '2026-11-22T17:00:00.000Z/2026-11-25T03:00:00.000Z'])
    assert.equal(previous!.text, '2026-11-15T17:00:00.000Z/2026-11-18T03:00:00.000Z')
    assert.deepEqual([top!.rank, top!.name, top!.total, top!.previous, top!.change, top!.growth, top!.complaints, top!.text], ['1', 'Ngập nước · Nguyễn Hữu Cảnh · Q.7', '1234', '385.6', '848.4', '3.2', '1200', 'Flooding · Nguyễn Hữu Cảnh · District 7'])
    assert.deepEqual([speed!.id, speed!.received, speed!.median_hours, speed!.on_time_pct, speed!.rank_speed, speed!.rank_satisfaction], ['765', '1500', '41.25', '33.333333333333336', '1', ''])
    assert.deepEqual([divergent!.id, divergent!.mention_share, divergent!.score, divergent!.direction], ['778', '0.6', '0.5', 'social_louder'])
    assert.equal(vi!.text, BRIEFING.narrative.vi[0])
    assert.equal(en!.text, BRIEFING.narrative.en[0])
  })

  it('BRF-6 writeCsv quotes commas, quotes and line breaks, and parseCsv reads them back', () => {
    const text = writeCsv([['a', 'b', 'c'], ['x, y', 'say "hi"', 'one\ntwo'], [1.5, null, true]])
    assert.equal(text, 'a,b,c\r\n"x, y","say ""hi""","one\ntwo"\r\n1.5,,true\r\n')
    assert.deepEqual(parseCsv(text), [{ a: 'x, y', b: 'say "hi"', c: 'one\ntwo' }, { a: '1.5', b: '', c: 'true' }])
  })
})
