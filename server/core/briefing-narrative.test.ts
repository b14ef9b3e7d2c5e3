import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import type { BriefingTopic, DivergenceRow, SpeedRow } from './briefing'
import { narrative, periodWords, type NarrativeInput } from './briefing-narrative'

const ZONE = 'Asia/Ho_Chi_Minh'
const WEEK = { name: 'this_week' as const, from: new Date('2026-11-22T17:00:00Z'), to: new Date('2026-11-25T03:00:00Z') }
const CATEGORIES = new Map([
  ['flooding', { vi: 'Ngập nước', en: 'Flooding' }],
  ['roads', { vi: 'Hư hỏng đường', en: 'Road damage' }],
])

const topic = (over: Partial<BriefingTopic>): BriefingTopic => ({
  id: 'flooding|760|', label: { vi: 'Ngập nước · Q.7', en: 'Flooding · District 7' }, category: 'flooding', group: 'water',
  place: { code: '778', level: 'district', name: 'Quận 7' }, phrase: null, counts: { complaints: 32, mentions: 0 }, total: 32, previous: 10, growth: 3.2, change: 22, samples: [], cells: [],
  ...over,
})

const speed = (unit: string, name: string, median: number | null, over: Partial<SpeedRow> = {}): SpeedRow => ({
  unit, name, level: 'district', received: 10, resolved: median === null ? 0 : 5, median_hours: median, p90_hours: median, on_time_pct: 50, overdue: 0, satisfaction: null, ratings: 0, rank_speed: null, rank_satisfaction: null, ...over,
})

const divergent = (unit: string, name: string, mentionShare: number, complaintShare: number): DivergenceRow => ({
  unit, name, level: 'district', mentions: 100, complaints: 100, mention_share: mentionShare, complaint_share: complaintShare, score: mentionShare - complaintShare, direction: mentionShare > complaintShare ? 'social_louder' : 'hotline_louder',
})

const input = (over: Partial<NarrativeInput>): NarrativeInput => ({ period: WEEK, scopeName: null, topIssues: [], speed: [], divergence: [], parents: new Map(), categories: CATEGORIES, timeZone: ZONE, ...over })

const RANKED = [speed('760', 'Quận 1', 3.5, { rank_speed: 1 }), speed('765', 'Quận Bình Thạnh', 41, { rank_speed: 2 })]

describe('briefing narrative', () => {
  it('BRF-5 rise and slowest make the issue’s own example sentence, figures the Vietnamese way', () => {
    const text = narrative(input({ topIssues: [topic({})], speed: RANKED }))
    assert.equal(text.vi[1], 'Tuần này phản ánh ngập nước tăng 3,2 lần ở Quận 7; Quận Bình Thạnh xử lý chậm nhất (trung vị 41 giờ).')
    assert.equal(text.en[1], 'This week flooding reports rose 3.2 times in District 7; Bình Thạnh District was the slowest to resolve (median 41 hours).')
  })

  it('BRF-5 top: the first issue and its volume leads, with thousands grouped per language', () => {
    const text = narrative(input({ topIssues: [topic({ total: 1234, growth: 1.1 })] }))
    assert.deepEqual(text.vi, ['Tuần này, vấn đề nổi bật nhất là Ngập nước · Q.7 (1.234 phản ánh và bài đăng).'])
    assert.deepEqual(text.en, ['This week, the top issue is Flooding · District 7 (1,234 complaints and posts).'])
  })

  it('BRF-5 rise: only at 1.5 times or more, on 5 events or more; a new issue (no ratio) and a small one are not a rise; the largest growth is told', () => {
    const say = (topics: BriefingTopic[]) => narrative(input({ topIssues: topics })).vi.slice(1)
    assert.deepEqual(say([topic({ growth: 1.4 })]), [])
    assert.deepEqual(say([topic({ growth: null, previous: 0 })]), [])
    assert.deepEqual(say([topic({ total: 4, growth: 4 })]), [])
    assert.deepEqual(say([topic({ growth: 1.5 })]), ['Tuần này phản ánh ngập nước tăng 1,5 lần ở Quận 7.'])
    assert.deepEqual(say([topic({ growth: 2 }), topic({ category: 'roads', place: null, growth: 6.5, total: 13 })]), ['Tuần này phản ánh hư hỏng đường tăng 6,5 lần.'])
  })

  it('BRF-5 rise: a ward is told with the district holding it (a dozen districts have a Phường 12)', () => {
    const ward = topic({ place: { code: '26734', level: 'ward', name: 'Phường 12' } })
    const text = narrative(input({ topIssues: [ward], parents: new Map([['26734', 'Quận Gò Vấp']]) }))
    assert.equal(text.vi[1], 'Tuần này phản ánh ngập nước tăng 3,2 lần ở Phường 12, Quận Gò Vấp.')
    assert.equal(text.en[1], 'This week flooding reports rose 3.2 times in Ward 12, Gò Vấp District.')
  })

  it('BRF-5 slowest: named only when two or more units are ranked, alone capitalised', () => {
    assert.deepEqual(narrative(input({ topIssues: [topic({ growth: 1 })], speed: [RANKED[1]!] })).vi.length, 1)
    const text = narrative(input({ topIssues: [topic({ growth: 1 })], speed: [...RANKED, speed('770', 'Quận 3', null)] }))
    assert.equal(text.vi[1], 'Quận Bình Thạnh xử lý chậm nhất (trung vị 41 giờ).')
    assert.equal(text.en[1], 'Bình Thạnh District was the slowest to resolve (median 41 hours).')
  })

  it('BRF-5 overdue: the unit with most overdue complaints, none when nothing is overdue', () => {
    const rows = [speed('760', 'Quận 1', null, { overdue: 2 }), speed('765', 'Quận Bình Thạnh', null, { overdue: 1234 })]
    const text = narrative(input({ topIssues: [topic({ growth: 1 })], speed: rows }))
    assert.deepEqual(text.vi.slice(1), ['Quận Bình Thạnh có nhiều phản ánh quá hạn nhất (1.234).'])
    assert.deepEqual(text.en.slice(1), ['Bình Thạnh District has the most overdue complaints (1,234).'])
    assert.equal(narrative(input({ topIssues: [topic({ growth: 1 })], speed: rows.map((r) => ({ ...r, overdue: 0 })) })).vi.length, 1)
  })

  it('BRF-5 satisfaction: the least satisfied of two or more rated units, one decimal', () => {
    const rows = [speed('760', 'Quận 1', null, { satisfaction: 4.5, ratings: 2, rank_satisfaction: 1 }), speed('765', 'Phường 12', null, { satisfaction: 2.25, ratings: 4, rank_satisfaction: 2 })]
    const text = narrative(input({ topIssues: [topic({ growth: 1 })], speed: rows }))
    assert.deepEqual(text.vi.slice(1), ['Phường 12 có mức hài lòng thấp nhất (2,3/5 từ 4 đánh giá).'])
    assert.deepEqual(text.en.slice(1), ['Ward 12 has the lowest satisfaction (2.3/5 from 4 ratings).'])
    assert.equal(narrative(input({ topIssues: [topic({ growth: 1 })], speed: [rows[0]!] })).vi.length, 1)
  })

  it('BRF-5 divergence: the widest gap of each direction, shares as percentages', () => {
    const rows = [divergent('760', 'Quận 1', 0.6, 0.1), divergent('765', 'Quận 3', 0.1, 0.455), divergent('770', 'Quận 4', 0.3, 0.445)]
    const text = narrative(input({ topIssues: [topic({ growth: 1 })], divergence: rows }))
    assert.deepEqual(text.vi.slice(1), [
      'Ở Quận 1, mạng xã hội lên tiếng nhiều hơn đường dây nóng (60% bài đăng so với 10% phản ánh).',
      'Ở Quận 3, đường dây nóng nhận nhiều hơn mạng xã hội nói (45,5% phản ánh so với 10% bài đăng).',
    ])
    assert.deepEqual(text.en.slice(1), [
      'In District 1, social media is louder than the hotline (60% of posts against 10% of complaints).',
      'In District 3, the hotline hears more than social media says (45.5% of complaints against 10% of posts).',
    ])
  })

  it('BRF-5 a quiet period says so in one sentence and no more, in the scope when one is given', () => {
    assert.deepEqual(narrative(input({ period: { ...WEEK, name: 'today' } })), { vi: ['Hôm nay không có phản ánh hay bài đăng nào.'], en: ['Today there were no complaints or posts.'] })
    assert.deepEqual(narrative(input({ period: { ...WEEK, name: 'yesterday' }, scopeName: 'Quận 7', speed: RANKED })), {
      vi: ['Hôm qua không có phản ánh hay bài đăng nào ở Quận 7.'],
      en: ['Yesterday there were no complaints or posts in District 7.'],
    })
  })

  it('BRF-5 every period has its words; a custom range its local dates, the end exclusive', () => {
    assert.deepEqual(periodWords({ ...WEEK, name: 'last_week' }, ZONE), { vi: 'Tuần trước', en: 'Last week' })
    assert.deepEqual(periodWords({ name: 'custom', from: new Date('2026-10-31T17:00:00Z'), to: new Date('2026-11-10T17:00:00Z') }, ZONE), { vi: 'Từ 01/11/2026 đến 10/11/2026', en: 'From 01/11/2026 to 10/11/2026' })
    assert.deepEqual(periodWords({ name: 'custom', from: new Date('2026-10-31T17:00:00Z'), to: new Date('2026-11-01T17:00:00Z') }, ZONE), { vi: 'Ngày 01/11/2026', en: 'On 01/11/2026' })
  })
})
