import { test } from 'vitest'
import assert from 'node:assert/strict'
import { validateEvent } from '../core/event'
import { loadCategories } from '../categories-file'
import { CITY_BOUNDS, DISTRICTS, type District } from './geography'
import { generateEvents, type RawEvent, type ScenarioOptions } from './scenario'
import { localTime, rainEpisodeOfDay, rainEpisodesBetween } from './rhythm'

// The shipped taxonomy: the scenario must only produce categories the server accepts.
const categories = loadCategories()
const options: ScenarioOptions = { seed: 7, categories }
// A Wednesday in the rainy season, midnight to midnight city time.
const dayStart = new Date('2026-06-10T00:00:00+07:00')
const dayEnd = new Date('2026-06-11T00:00:00+07:00')
const day = generateEvents(dayStart, dayEnd, options)
const at = (local: string) => new Date(`2026-06-10T${local}+07:00`)
const between = (events: RawEvent[], from: Date, to: Date) =>
  events.filter((e) => Date.parse(e.occurred_at) >= from.getTime() && Date.parse(e.occurred_at) < to.getTime())

/** The district whose nearest cluster centre is closest: good enough to tell low-lying areas apart. */
function nearestDistrict(lat: number, lon: number): District {
  let best: { district: District; distance: number } | null = null
  for (const district of DISTRICTS) {
    for (const c of district.clusters) {
      const distance = (c.lat - lat) ** 2 + (c.lon - lon) ** 2
      if (!best || distance < best.distance) best = { district, distance }
    }
  }
  return best!.district
}

test('the same seed and window give the same events; another seed gives others', () => {
  const again = generateEvents(dayStart, dayEnd, options)
  assert.deepEqual(again, day)
  const other = generateEvents(at('08:00:00'), at('09:00:00'), { ...options, seed: 8 })
  assert.notDeepEqual(other, between(day, at('08:00:00'), at('09:00:00')))
})

test('a window split anywhere yields exactly the events of the whole window (backfill + ticks)', () => {
  const from = at('07:00:00')
  const cut = new Date(at('07:34:56').getTime() + 789)
  const to = at('08:10:00')
  const whole = generateEvents(from, to, options)
  const parts = [...generateEvents(from, cut, options), ...generateEvents(cut, to, options)]
  assert.ok(whole.length > 1000)
  assert.deepEqual(parts, whole)
})

test('every event passes validateEvent with the categories of data/categories.json', () => {
  const context = { now: dayEnd, categories: new Set(categories.map((c) => c.code)), source: 'demo' }
  for (const event of day) {
    const result = validateEvent(event, context)
    assert.ok(result.ok, `${event.source_id}: ${result.ok ? '' : `${result.field} ${result.reason}`}`)
  }
})

test('ING-8 events state no source, so that whichever key sends them (npm run simulate --key) files them under its own', () => {
  assert.deepEqual(day.filter((event) => 'source' in event), [])
})

test('event times fall in [from, to), whole seconds, written in +07:00', () => {
  const from = new Date(at('10:00:00').getTime() + 500)
  const to = new Date(at('10:05:00').getTime() + 500)
  const events = generateEvents(from, to, options)
  assert.ok(events.length > 0)
  for (const event of events) {
    assert.match(event.occurred_at, /^2026-06-10T10:0\d:\d\d\+07:00$/)
    const time = Date.parse(event.occurred_at)
    assert.ok(time >= from.getTime() && time < to.getTime(), event.occurred_at)
  }
  assert.deepEqual(generateEvents(to, from, options), [])
})

test('source_ids are unique, across sources too', () => {
  const ids = new Set(day.map((e) => e.source_id))
  assert.equal(ids.size, day.length)
})

test('points fall inside a rough Ho Chi Minh City box; about 3 % of complaints and 20 % of posts have no point', () => {
  const unlocated = { complaint: 0, mention: 0 }
  for (const event of day) {
    if (event.lat === null || event.lon === null) {
      assert.equal(event.lat, event.lon, 'both or neither')
      unlocated[event.kind]++
      continue
    }
    assert.ok(event.lat >= CITY_BOUNDS.south && event.lat <= CITY_BOUNDS.north, `lat ${event.lat}`)
    assert.ok(event.lon >= CITY_BOUNDS.west && event.lon <= CITY_BOUNDS.east, `lon ${event.lon}`)
    assert.ok(event.lat > 10.3 && event.lat < 11.2 && event.lon > 106.3 && event.lon < 107.1)
  }
  const share = (kind: RawEvent['kind']) => unlocated[kind] / day.filter((e) => e.kind === kind).length
  assert.ok(share('complaint') > 0.015 && share('complaint') < 0.05, `complaints without point ${share('complaint')}`)
  assert.ok(share('mention') > 0.15 && share('mention') < 0.25, `posts without point ${share('mention')}`)
})

test('rush hours are far busier than 3 a.m., with more traffic reports', () => {
  const rush = between(day, at('07:00:00'), at('09:00:00'))
  const night = between(day, at('02:00:00'), at('04:00:00'))
  const midday = between(day, at('12:00:00'), at('14:00:00'))
  assert.ok(rush.length > 5 * night.length, `rush ${rush.length} vs night ${night.length}`)
  // Complaints carry the operator's category; posts are text alone (the classifier files them at ingest).
  const trafficShare = (events: RawEvent[]) => {
    const complaints = events.filter((e) => e.kind === 'complaint')
    return complaints.filter((e) => e.category === 'traffic').length / complaints.length
  }
  assert.ok(trafficShare(rush) > 1.5 * trafficShare(midday), `${trafficShare(rush)} vs ${trafficShare(midday)}`)
})

test('the afternoon shower is 45–90 min between 14:00 and 18:00 city time, one per day', () => {
  for (let d = localTime(dayStart.getTime()).day; d < localTime(dayStart.getTime()).day + 60; d++) {
    const { start, end } = rainEpisodeOfDay(7, d)
    const minutes = (end.getTime() - start.getTime()) / 60_000
    assert.ok(minutes >= 45 && minutes <= 90, `${minutes} min`)
    assert.ok(localTime(start.getTime()).hour >= 14 && localTime(end.getTime()).hour < 18, start.toISOString())
  }
  assert.equal(rainEpisodesBetween(7, dayStart, dayEnd).length, 1)
  assert.notDeepEqual(rainEpisodeOfDay(7, 20_000), rainEpisodeOfDay(8, 20_000))
})

test('the shower raises flooding reports, mostly in low-lying districts', () => {
  const [rain] = rainEpisodesBetween(7, dayStart, dayEnd)
  assert.ok(rain)
  const length = rain.end.getTime() - rain.start.getTime()
  const before = new Date(rain.start.getTime() - 60 * 60_000)
  // Complaints by their category, posts by what they say.
  const flooding = (events: RawEvent[]) => events.filter((e) => e.category === 'flooding' || (e.kind === 'mention' && /ngập/.test(e.text)))
  const during = flooding(between(day, rain.start, rain.end))
  const dry = flooding(between(day, new Date(before.getTime() - length), before))
  assert.ok(during.length > 5 * Math.max(1, dry.length), `during ${during.length} vs before ${dry.length}`)
  assert.ok(during.some((e) => e.kind === 'complaint') && during.some((e) => e.kind === 'mention'))
  assert.ok(day.every((e) => (e.kind === 'mention') === (e.category === undefined)), 'posts come uncategorised, complaints categorised')
  const located = during.filter((e) => e.lat !== null && e.lon !== null)
  const low = located.filter((e) => nearestDistrict(e.lat!, e.lon!).lowLying)
  assert.ok(low.length > 0.7 * located.length, `${low.length} of ${located.length} in low-lying districts`)
  assert.ok(during.some((e) => /ngập/.test(e.text)))
})

test('mentions outnumber complaints 2–4×', () => {
  const complaints = day.filter((e) => e.kind === 'complaint')
  const mentions = day.filter((e) => e.kind === 'mention')
  const ratio = mentions.length / complaints.length
  assert.ok(ratio >= 2 && ratio <= 4, `ratio ${ratio}`)
})

test('texts are Vietnamese with diacritics, fully filled, transcripts vs posts', () => {
  for (const event of day) {
    assert.ok(event.text.length > 20, event.text)
    assert.equal(event.text, event.text.normalize('NFC'))
    assert.doesNotMatch(event.text, /[{}]|undefined|\s{2}/)
    assert.match(event.text, /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i)
  }
  const complaints = day.filter((e) => e.kind === 'complaint')
  assert.ok(complaints.filter((e) => /phản ánh|ghi nhận|hỏi về|đề nghị|gọi 1022/i.test(e.text)).length === complaints.length)
  assert.ok(day.some((e) => e.kind === 'mention' && /kẹt xe quá trời/i.test(e.text)))
})

test('a few complaints carry a caller name and phone number in the text (for the server to mask)', () => {
  const complaints = day.filter((e) => e.kind === 'complaint')
  const phone = /\b0\d{3}[ .]?\d{3}[ .]?\d{3}\b/
  const withPhone = complaints.filter((e) => phone.test(e.text))
  const share = withPhone.length / complaints.length
  assert.ok(share > 0.02 && share < 0.12, `share ${share}`)
  assert.ok(withPhone.every((e) => /(?:[Aa]nh|[Cc]hị|[Ôô]ng|[Bb]à|[Cc]ô|[Cc]hú|tên) \p{Lu}/u.test(e.text)))
  assert.ok(day.filter((e) => e.kind === 'mention').every((e) => !phone.test(e.text)))
  assert.ok(day.every((e) => !('contact' in e)))
})

test('an unknown taxonomy is refused with the codes it got', () => {
  assert.throws(() => generateEvents(dayStart, dayEnd, { seed: 1, categories: [{ code: 'potholes' }] }), /potholes/)
})
