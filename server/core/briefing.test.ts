import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { divergence, MIN_SCOPE_VOLUME, speedRanking, withChange, type BriefingUnit } from './briefing'
import type { CountedUnit } from './performance'
import type { Topic } from './topics'

const UNITS: BriefingUnit[] = [
  { code: 'A', name: 'Quận A', level: 'district' },
  { code: 'B', name: 'Quận B', level: 'district' },
  { code: 'C', name: 'Quận C', level: 'district' },
  { code: 'D', name: 'Quận D', level: 'district' },
]

const counted = (code: string, figures: Partial<CountedUnit>): CountedUnit => ({
  code, name: `Quận ${code}`, level: 'district', received: 0, invalid: 0, open: 0, overdue: 0, rejected: 0, resolved: 0, on_time: 0, rating_sum: 0, ratings: 0, hours: null, ...figures,
})

describe('briefing rankings', () => {
  it('BRF-3 change is total − previous, one decimal; growth stays as NLP-5 gives it', () => {
    const topic = { total: 12, previous: 3.5, growth: 3.4 } as Topic
    const [row] = withChange([topic, { ...topic, total: 1, previous: 4, growth: 0.3 }])
    assert.equal(row!.change, 8.5)
    assert.equal(row!.growth, 3.4)
    assert.equal(withChange([{ ...topic, total: 1, previous: 4 }])[0]!.change, -3)
  })

  it('BRF-3 speed: lowest median first, then lower p90; a unit without a resolved complaint is unranked and last; every unit of the scope listed', () => {
    const rows = speedRanking(UNITS, [
      counted('A', { received: 4, resolved: 2, on_time: 1, hours: ['41', '60'], overdue: 2, rating_sum: 6, ratings: 2 }),
      counted('B', { received: 3, resolved: 3, on_time: 3, hours: [2, 3] , rating_sum: 5, ratings: 1 }),
      counted('C', { received: 2, resolved: 1, on_time: 1, hours: [2, 8], rating_sum: 8, ratings: 2 }),
      counted('city', { received: 9 }),
    ])
    assert.deepEqual(rows.map((r) => [r.unit, r.rank_speed, r.rank_satisfaction]), [['B', 1, 1], ['C', 2, 2], ['A', 3, 3], ['D', null, null]])
    const a = rows.find((r) => r.unit === 'A')!
    assert.deepEqual(a, { unit: 'A', name: 'Quận A', level: 'district', received: 4, resolved: 2, median_hours: 41, p90_hours: 60, on_time_pct: 50, overdue: 2, satisfaction: 3, ratings: 2, rank_speed: 3, rank_satisfaction: 3 })
    assert.deepEqual(rows.at(-1), { unit: 'D', name: 'Quận D', level: 'district', received: 0, resolved: 0, median_hours: null, p90_hours: null, on_time_pct: null, overdue: 0, satisfaction: null, ratings: 0, rank_speed: null, rank_satisfaction: null })
  })

  it('BRF-3 satisfaction ties go to the unit with more ratings', () => {
    const rows = speedRanking(UNITS.slice(0, 2), [counted('A', { rating_sum: 4, ratings: 1 }), counted('B', { rating_sum: 12, ratings: 3 })])
    assert.deepEqual(rows.map((r) => [r.unit, r.rank_satisfaction]), [['A', 2], ['B', 1]])
  })
})

describe('briefing divergence', () => {
  it('BRF-4 shares of the scope’s mentions against its complaints; social-louder and hotline-louder, widest gap first', () => {
    const rows = divergence(UNITS, [
      { code: 'A', mentions: 60, complaints: 10 },
      { code: 'B', mentions: 20, complaints: 60 },
      { code: 'C', mentions: 20, complaints: 30 },
    ])
    // Shares: mentions A .6 B .2 C .2; complaints A .1 B .6 C .3.
    assert.deepEqual(rows.map((r) => [r.unit, r.score, r.direction]), [['A', 0.5, 'social_louder'], ['B', -0.4, 'hotline_louder'], ['C', -0.1, 'hotline_louder']])
    assert.deepEqual(rows[0], { unit: 'A', name: 'Quận A', level: 'district', mentions: 60, complaints: 10, mention_share: 0.6, complaint_share: 0.1, score: 0.5, direction: 'social_louder' })
  })

  it('BRF-4 a small unit is no news (1 post against 0 calls), nor a gap under five points', () => {
    const rows = divergence(UNITS, [
      { code: 'A', mentions: 50, complaints: 50 },
      { code: 'B', mentions: 48, complaints: 52 },
      { code: 'C', mentions: 1, complaints: 0 },
      { code: 'D', mentions: 1, complaints: 8 },
    ])
    assert.deepEqual(rows, [])
  })

  it('BRF-4 a scope with fewer than the minimum of either layer has no divergence list', () => {
    assert.deepEqual(divergence(UNITS, [{ code: 'A', mentions: 100, complaints: 0 }, { code: 'B', mentions: 0, complaints: MIN_SCOPE_VOLUME - 1 }]), [])
    assert.deepEqual(divergence(UNITS, [{ code: 'A', mentions: 100, complaints: 0 }, { code: 'B', mentions: 0, complaints: MIN_SCOPE_VOLUME }]).map((r) => [r.unit, r.score]), [['A', 1], ['B', -1]])
  })
})
