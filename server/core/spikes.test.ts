import { describe, expect, it } from 'vitest'
import { DEFAULT_SPIKE_CONFIG, SpikeTracker, baselineOf, spikeConfigSchema, spikeWindows, type SpikeConfig, type SpikeObservation, type SpikePlace, type Span } from './spikes'
import { unitLabel } from './unit-label'

const MINUTE = 60_000
const WEEK = 7 * 24 * 60 * MINUTE
const names = (code: string) => (code === 'flooding' ? { vi: 'Ngập nước', en: 'Flooding' } : undefined)

const TAN_PHONG: SpikePlace = { kind: 'unit', code: '27490', name: 'Phường Tân Phong', level: 'ward', parentName: 'Quận 7' }
const WARD_12: SpikePlace = { kind: 'unit', code: '26941', name: 'Phường 12', level: 'ward', parentName: 'Quận Gò Vấp' }

/** The test's own feed: events as instants per place, counted in the windows the rule asks for. */
class Feed {
  readonly events: Array<{ place: SpikePlace; at: number }> = []
  add(place: SpikePlace, at: number, count = 1): void {
    for (let i = 0; i < count; i++) this.events.push({ place, at })
  }
  private countIn(place: SpikePlace, span: Span): number {
    return this.events.filter((e) => e.place === place && e.at >= span.fromMs && e.at < span.toMs).length
  }
  observe(now: Date, places: SpikePlace[], config: SpikeConfig = DEFAULT_SPIKE_CONFIG): SpikeObservation[] {
    const { current, past } = spikeWindows(now, config)
    return places
      .map((place) => ({ place, layer: 'complaints' as const, category: 'flooding', count: this.countIn(place, current), pastTotal: past.reduce((sum, span) => sum + this.countIn(place, span), 0) }))
      .filter((o) => o.count > 0 || o.pastTotal > 0)
  }
}

// Monday 2026-11-23 17:00 in Hồ Chí Minh City (UTC+7).
const RUSH = Date.parse('2026-11-23T10:00:00Z')

describe('NLP-6 spike alerts', () => {
  it('NLP-6: a storm in two wards raises exactly one alert per ward, updated as it grows, cleared after', () => {
    const feed = new Feed()
    const tracker = new SpikeTracker(DEFAULT_SPIKE_CONFIG, names)
    const changes: ReturnType<SpikeTracker['step']> = []
    // 45 minutes of rain: each ward gets 2 complaints a minute, then nothing.
    for (let minute = 0; minute <= 120; minute++) {
      const at = RUSH + minute * MINUTE
      if (minute < 45) for (const ward of [TAN_PHONG, WARD_12]) feed.add(ward, at, 2)
      changes.push(...tracker.step(new Date(at), feed.observe(new Date(at), [TAN_PHONG, WARD_12])))
      if (minute === 30) expect(tracker.active().map((a) => a.place.code).sort()).toEqual(['26941', '27490'])
    }
    const raised = changes.filter((c) => c.state === 'raised')
    expect(raised.map((a) => a.place.code).sort()).toEqual(['26941', '27490'])
    // Raised at 10 complaints (minute 4: 2 a minute), one id per ward throughout.
    expect(raised.every((a) => a.count === 10 && a.startedAt === new Date(RUSH + 4 * MINUTE).toISOString())).toBe(true)
    const ofTanPhong = changes.filter((c) => c.place.code === '27490')
    expect(new Set(ofTanPhong.map((c) => c.id)).size).toBe(1)
    const updated = ofTanPhong.filter((c) => c.state === 'updated')
    expect(Math.max(...updated.map((c) => c.peak))).toBe(60) // 30 minutes × 2
    const cleared = ofTanPhong.filter((c) => c.state === 'cleared')
    expect(cleared).toHaveLength(1)
    // Calm once fewer than 5 remain in the window (minute 72), cleared 15 minutes later.
    expect(cleared[0]!.clearedAt).toBe(new Date(RUSH + (72 + 15) * MINUTE).toISOString())
    expect(tracker.active()).toEqual([])
    expect(tracker.all().map((a) => a.state)).toEqual(['cleared', 'cleared'])
  })

  it('NLP-6: a dip shorter than clearAfterMinutes keeps the one alert; calm for that long clears it', () => {
    const tracker = new SpikeTracker(DEFAULT_SPIKE_CONFIG, names)
    const at = (minute: number) => new Date(RUSH + minute * MINUTE)
    const seen = (count: number): SpikeObservation[] => [{ place: TAN_PHONG, layer: 'complaints', category: 'flooding', count, pastTotal: 12 }] // baseline 3
    expect(tracker.step(at(0), seen(12))).toMatchObject([{ state: 'raised', ratio: 4 }])
    // Below 2 × 3 for 14 minutes, then up again: still the same alert, never cleared.
    for (let minute = 1; minute <= 14; minute++) expect(tracker.step(at(minute), seen(5)).map((a) => a.state)).toEqual(minute === 1 ? ['updated'] : [])
    expect(tracker.step(at(15), seen(8))).toMatchObject([{ state: 'updated', count: 8, peak: 12 }])
    // 7 is not calm (≥ 6 and ≥ minCount / 2): an alert stays up between the clear and raise thresholds.
    for (let minute = 16; minute <= 40; minute++) tracker.step(at(minute), seen(7))
    expect(tracker.active()).toHaveLength(1)
    tracker.step(at(41), [])
    expect(tracker.step(at(56), [])).toMatchObject([{ state: 'cleared', clearedAt: at(56).toISOString(), count: 0 }])
    expect(new Set(tracker.all().map((a) => a.id)).size).toBe(1)
    // A later storm is a new alert; the cleared one is still listed beside it.
    const [again] = tracker.step(at(60), seen(20))
    expect(again).toMatchObject({ state: 'raised', startedAt: at(60).toISOString() })
    expect(tracker.all().map((a) => a.state)).toEqual(['raised', 'cleared'])
    tracker.step(at(61), [])
    tracker.step(at(76), [])
    // Kept for keepClearedMinutes, then forgotten.
    tracker.step(at(56 + 24 * 60), [])
    expect(tracker.all().map((a) => a.id)).toEqual([again!.id])
  })

  it('NLP-6: a quiet place with 3 events raises nothing', () => {
    const feed = new Feed()
    const tracker = new SpikeTracker(DEFAULT_SPIKE_CONFIG, names)
    feed.add(TAN_PHONG, RUSH, 3)
    expect(tracker.step(new Date(RUSH), feed.observe(new Date(RUSH), [TAN_PHONG]))).toEqual([])
    expect(baselineOf(0, DEFAULT_SPIKE_CONFIG)).toBe(1)
  })

  it('NLP-6: the baseline is that hour of the week — 25 complaints is usual at rush hour, a spike at 3 am', () => {
    const feed = new Feed()
    const threeAm = Date.parse('2026-11-24T20:00:00Z') // Wednesday 03:00 local
    for (let week = 1; week <= 4; week++) feed.add(TAN_PHONG, RUSH - week * WEEK + 10 * MINUTE, 20)
    for (const now of [RUSH + 20 * MINUTE, threeAm]) feed.add(TAN_PHONG, now, 25)

    const atRush = new SpikeTracker(DEFAULT_SPIKE_CONFIG, names)
    const [rush] = feed.observe(new Date(RUSH + 20 * MINUTE), [TAN_PHONG])
    expect(rush).toMatchObject({ count: 25, pastTotal: 80 })
    expect(atRush.step(new Date(RUSH + 20 * MINUTE), [rush!])).toEqual([])

    const atNight = new SpikeTracker(DEFAULT_SPIKE_CONFIG, names)
    const [alert] = atNight.step(new Date(threeAm), feed.observe(new Date(threeAm), [TAN_PHONG]))
    expect(alert).toMatchObject({ state: 'raised', count: 25, baseline: 1, ratio: 25 })
  })

  it('NLP-6: the windows are the last windowMinutes and the same span 1…N weeks back', () => {
    const now = new Date(RUSH + 29 * MINUTE + 30_000)
    const { current, past } = spikeWindows(now, DEFAULT_SPIKE_CONFIG)
    expect(current).toEqual({ fromMs: RUSH, toMs: RUSH + 30 * MINUTE })
    expect(past.map((span) => (current.fromMs - span.fromMs) / WEEK)).toEqual([1, 2, 3, 4])
  })

  it('NLP-6: the sentence says the figures in Vietnamese and English', () => {
    const tracker = new SpikeTracker(DEFAULT_SPIKE_CONFIG, names)
    const [alert] = tracker.step(new Date(RUSH), [{ place: TAN_PHONG, layer: 'complaints', category: 'flooding', count: 23, pastTotal: 18.4 }])
    expect(alert!.sentence).toEqual({
      vi: 'Phản ánh ngập nước tăng đột biến tại P. Tân Phong, Q.7: 23 trong 30 phút, gấp 5 lần bình thường',
      en: 'Flooding complaints spiking in Tân Phong ward, District 7: 23 in 30 minutes, 5 times the usual',
    })
    const [mention] = tracker.step(new Date(RUSH), [{ place: WARD_12, layer: 'mentions', category: 'flooding', count: 1234, pastTotal: 1000 }])
    expect(mention!.sentence.vi).toBe('Bài đăng về ngập nước tăng đột biến tại P.12, Q. Gò Vấp: 1.234 trong 30 phút, gấp 4,9 lần bình thường')
    expect(mention!.sentence.en).toBe('Flooding posts spiking in Ward 12, Gò Vấp District: 1,234 in 30 minutes, 4.9 times the usual')
  })

  it('NLP-6: thresholds are configuration, checked', () => {
    expect(spikeConfigSchema.parse({ windowMinutes: 60, minCount: 5 })).toMatchObject({ windowMinutes: 60, minCount: 5, raiseRatio: 4 })
    expect(() => spikeConfigSchema.parse({ windowMinutes: 15 })).toThrow(/30–60 minutes/)
    expect(() => spikeConfigSchema.parse({ raiseRatio: 3, clearRatio: 3 })).toThrow(/clearRatio must be below raiseRatio/)
  })

  it('unit labels: short Vietnamese forms and English', () => {
    expect(unitLabel('Thành phố Thủ Đức')).toEqual({ vi: 'TP. Thủ Đức', en: 'Thủ Đức City' })
    expect(unitLabel('Huyện Củ Chi')).toEqual({ vi: 'H. Củ Chi', en: 'Củ Chi District' })
    expect(unitLabel('Quận 7')).toEqual({ vi: 'Q.7', en: 'District 7' })
  })
})
