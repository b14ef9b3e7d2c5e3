import { describe, expect, it } from 'vitest'
import type { SpikeAlert } from '../../server/core/spikes'
import { bannerOf } from './alert-banner'

// 07:32 UTC is 14:32 in Ho Chi Minh City.
const alert = (id: string, state: SpikeAlert['state'] = 'raised'): SpikeAlert => ({
  id,
  place: { kind: 'unit', code: id },
  layer: 'complaints',
  category: 'flooding',
  count: 23,
  peak: 23,
  baseline: 4.6,
  ratio: 5,
  windowMinutes: 30,
  startedAt: '2026-11-25T07:32:00Z',
  updatedAt: '2026-11-25T07:40:00Z',
  state,
  sentence: { vi: `Phản ánh ngập nước tăng đột biến tại ${id}`, en: `Flooding complaints spiking in ${id}` },
})

describe('WALL-7: the alert strip', () => {
  it('is empty when there is no alert', () => {
    expect(bannerOf([], 'vi')).toEqual({ lines: [], more: null })
  })

  it('says the sentence in the screen language, with the time the storm began', () => {
    expect(bannerOf([alert('P. Tân Phong')], 'vi').lines).toEqual([
      { id: 'P. Tân Phong', sentence: 'Phản ánh ngập nước tăng đột biến tại P. Tân Phong', since: 'từ 14:32', cleared: false, layer: 'complaints' },
    ])
    expect(bannerOf([alert('Tan Phong')], 'en').lines[0]).toMatchObject({ sentence: 'Flooding complaints spiking in Tan Phong', since: 'since 14:32' })
  })

  it('shows two lines at most and counts the rest', () => {
    const banner = bannerOf([alert('a'), alert('b'), alert('c'), alert('d', 'cleared')], 'vi')
    expect(banner.lines.map((l) => l.id)).toEqual(['a', 'b'])
    expect(banner.more).toBe('+2 cảnh báo khác')
    expect(bannerOf([alert('a'), alert('b'), alert('c')], 'en').more).toBe('+1 more')
  })
})
