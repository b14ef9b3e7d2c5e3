import { describe, expect, it } from 'vitest'
import type { Topic } from '../../server/core/topics'
import { topicRows, trendOf } from './topics'

const topic = (over: Partial<Topic>): Topic => ({
  id: 'flooding|w1',
  label: { vi: 'Ngập nước · Nguyễn Hữu Cảnh · Bình Thạnh', en: 'Flooding · Nguyễn Hữu Cảnh · Bình Thạnh' },
  category: 'flooding',
  group: 'infrastructure',
  place: null,
  phrase: 'nguyễn hữu cảnh',
  counts: { complaints: 1234, mentions: 30 },
  total: 1264,
  previous: 395,
  growth: 3.2,
  samples: [],
  cells: [],
  ...over,
})

describe('WALL-8: top issues rows', () => {
  it('writes rank, label, counts per layer and growth in Vietnamese', () => {
    expect(topicRows([topic({})], ['complaints', 'mentions'], 'vi')).toEqual([
      {
        id: 'flooding|w1',
        rank: 1,
        label: 'Ngập nước · Nguyễn Hữu Cảnh · Bình Thạnh',
        counts: [
          { layer: 'complaints', text: '1.234 phản ánh' },
          { layer: 'mentions', text: '30 đề cập MXH' },
        ],
        trend: 'up',
        growth: '▲ ×3,2',
      },
    ])
  })

  it('and in English, with the English separators', () => {
    const [row] = topicRows([topic({})], ['complaints', 'mentions'], 'en')
    expect(row).toMatchObject({ label: 'Flooding · Nguyễn Hữu Cảnh · Bình Thạnh', growth: '▲ ×3.2', counts: [{ text: '1,234 complaints' }, { text: '30 social mentions' }] })
  })

  it('shows only the layers the wall shows and the issue has', () => {
    const [row] = topicRows([topic({ counts: { complaints: 0, mentions: 7 } })], ['complaints', 'mentions'], 'vi')
    expect(row!.counts).toEqual([{ layer: 'mentions', text: '7 đề cập MXH' }])
    expect(topicRows([topic({})], ['complaints'], 'vi')[0]!.counts.map((c) => c.layer)).toEqual(['complaints'])
  })

  it('says falling, unchanged and new apart', () => {
    expect(topicRows([topic({ growth: 0.5 }), topic({ id: 'b', growth: 1.02 }), topic({ id: 'c', growth: null })], ['complaints'], 'vi').map((r) => [r.rank, r.trend, r.growth])).toEqual([
      [1, 'down', '▼ ×0,5'],
      [2, 'flat', '= ×1,0'],
      [3, 'new', 'MỚI'],
    ])
    expect(trendOf(1.05)).toBe('up')
    expect(trendOf(0.95)).toBe('down')
  })
})
