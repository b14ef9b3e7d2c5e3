/**
 * The simulated city: producer events (ingest JSON shape) for a time window and a seed. Pure.
 *
 * Time is cut into whole epoch minutes and each minute draws from its own stream keyed by
 * (seed, minute), so any split of a window yields exactly the events of the whole window and a
 * restart with the same seed re-creates the same source_ids (the ingest dedupes them).
 */
import { chance, createRandom, gaussian, intBetween, pick, pickWeighted, poisson, type Random } from './prng'
import { activity, categoryHourFactor, floodLevel, formatLocalIso } from './rhythm'
import { CITY_BOUNDS, DISTRICTS, FLOOD_SPOTS, districtByKey, type District } from './geography'
import { callerDetails, decorateMention, renderTemplate, type Place } from './compose-text'
import { COMPLAINT_TEXTS, MENTION_TEXTS, RAIN_COMPLAINT_TEXTS, RAIN_MENTION_TEXTS } from './texts'

/** Peak events per minute on an ordinary day; PGlite keeps up with this comfortably. */
export const DEFAULT_RATE_PER_MINUTE = 80
/** The shower adds up to this share of the peak rate on top of the ordinary flow. */
const RAIN_SHARE = 0.45
const MENTION_SHARE = 0.7
const RAIN_MENTION_SHARE = 0.8
const NO_POINT_SHARE = 0.03
/** Few social posts are geotagged: most are placed, if at all, by the places their text names (NLP-7). */
const MENTION_NO_POINT_SHARE = 0.2
const CALLER_DETAILS_SHARE = 0.06
const MINUTE_MS = 60_000

/** The scenario needs only the codes; the full taxonomy lives in data/categories.json. */
export interface ScenarioCategory {
  code: string
}

export interface ScenarioOptions {
  seed: number
  categories: readonly ScenarioCategory[]
  ratePerMinute?: number
}

/**
 * One event as a producer would POST it to /api/v1/events. It states no source: whoever sends it
 * writes as its own (an API key's source over HTTP, the built-in simulator's in process; ING-8).
 */
export interface RawEvent {
  kind: 'complaint' | 'mention'
  source_id: string
  occurred_at: string
  lat: number | null
  lon: number | null
  text: string
  /**
   * The hotline operator's category; complaints only. A social post arrives as text alone, as
   * from a social-listening feed: ingest's classifier files it (NLP-7).
   */
  category?: string
  /** What the hotline operator typed; complaints only. */
  address?: string
  attributes: Record<string, string | number>
}

/** How often each category comes up in each channel, before the hour of day weighs in. */
const BASE_WEIGHTS: Readonly<Record<string, { complaint: number; mention: number }>> = {
  flooding: { complaint: 3, mention: 6 },
  traffic: { complaint: 6, mention: 25 },
  roads: { complaint: 12, mention: 6 },
  lighting: { complaint: 9, mention: 2 },
  waste: { complaint: 14, mention: 8 },
  noise: { complaint: 9, mention: 9 },
  air: { complaint: 3, mention: 8 },
  water_supply: { complaint: 7, mention: 4 },
  power: { complaint: 5, mention: 6 },
  construction: { complaint: 7, mention: 4 },
  sidewalk: { complaint: 9, mention: 4 },
  public_order: { complaint: 5, mention: 7 },
  trees: { complaint: 4, mention: 3 },
  drainage: { complaint: 7, mention: 2 },
  admin: { complaint: 5, mention: 3 },
  health: { complaint: 2, mention: 2 },
  other: { complaint: 3, mention: 4 },
}

/** What the shower produces besides the ordinary flow. */
const RAIN_WEIGHTS: Readonly<Record<string, number>> = { flooding: 72, traffic: 12, drainage: 7, trees: 5, power: 4 }

const CHANNELS = [
  { channel: 'hotline', weight: 80 },
  { channel: 'app', weight: 12 },
  { channel: 'zalo', weight: 8 },
] as const

const PLATFORMS = [
  { platform: 'facebook', weight: 55 },
  { platform: 'tiktok', weight: 15 },
  { platform: 'zalo', weight: 12 },
  { platform: 'threads', weight: 8 },
  { platform: 'forum', weight: 10 },
] as const

export function* scenarioEvents(from: Date, to: Date, options: ScenarioOptions): Generator<RawEvent> {
  const start = from.getTime()
  const end = to.getTime()
  if (!(start < end)) return
  const codes = categoriesWithTexts(options.categories)
  const rate = options.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE
  const seed = options.seed >>> 0
  for (let minute = Math.floor(start / MINUTE_MS); minute * MINUTE_MS < end; minute++) {
    for (const event of minuteEvents(minute, seed, rate, codes)) {
      const at = Date.parse(event.occurred_at)
      if (at >= start && at < end) yield event
    }
  }
}

export function generateEvents(from: Date, to: Date, options: ScenarioOptions): RawEvent[] {
  return [...scenarioEvents(from, to, options)]
}

/** The codes the scenario can write about; throws when there is none (a taxonomy it does not know). */
export function categoriesWithTexts(categories: readonly ScenarioCategory[]): string[] {
  const codes = categories.map((c) => c.code).filter((code) => code in BASE_WEIGHTS)
  if (codes.length === 0) {
    throw new Error(`none of the categories (${categories.map((c) => c.code).join(', ') || 'none'}) has simulator texts`)
  }
  return codes
}

/** All events of one epoch minute, in time order. */
function minuteEvents(minute: number, seed: number, rate: number, codes: readonly string[]): RawEvent[] {
  const minuteStart = minute * MINUTE_MS
  const middle = minuteStart + MINUTE_MS / 2
  const random = createRandom(seed, minute)
  const ordinary = poisson(random, rate * activity(middle))
  const flood = floodLevel(seed, middle)
  const rainy = poisson(random, rate * RAIN_SHARE * flood)
  const stamp = formatLocalIso(minuteStart).slice(0, 16).replace(/\D/g, '')
  const hourFactors = new Map(codes.map((code) => [code, categoryHourFactor(code, middle)]))
  const rainCodes = codes.filter((code) => code in RAIN_WEIGHTS)

  const events: RawEvent[] = []
  for (let i = 0; i < ordinary; i++) {
    const r = createRandom(seed, minute, i, 1)
    const kind = chance(r, MENTION_SHARE) ? 'mention' : 'complaint'
    const category = pickWeighted(r, codes, (code) => (BASE_WEIGHTS[code]?.[kind] ?? 0) * (hourFactors.get(code) ?? 1))
    events.push(drawEvent(r, { kind, category, rain: false, at: minuteStart, seed, id: `${stamp}-${i}` }))
  }
  for (let i = 0; i < rainy && rainCodes.length > 0; i++) {
    const r = createRandom(seed, minute, i, 2)
    const kind = chance(r, RAIN_MENTION_SHARE) ? 'mention' : 'complaint'
    const category = pickWeighted(r, rainCodes, (code) => RAIN_WEIGHTS[code] ?? 0)
    events.push(drawEvent(r, { kind, category, rain: true, at: minuteStart, seed, id: `${stamp}-r${i}` }))
  }
  return events.sort((a, b) => a.occurred_at.localeCompare(b.occurred_at))
}

interface Draw {
  kind: 'complaint' | 'mention'
  category: string
  rain: boolean
  /** Start of the minute; the event gets a whole second inside it. */
  at: number
  seed: number
  id: string
}

function drawEvent(r: Random, draw: Draw): RawEvent {
  const at = draw.at + intBetween(r, 0, 59) * 1000
  const { place, lat, lon } = drawPlace(r, draw)
  const text = drawText(r, draw, place, at)
  const located = !chance(r, draw.kind === 'mention' ? MENTION_NO_POINT_SHARE : NO_POINT_SHARE)
  const common = {
    occurred_at: formatLocalIso(at),
    lat: located ? lat : null,
    lon: located ? lon : null,
  }
  const episode: Record<string, string> = draw.rain ? { episode: 'rain' } : {}
  if (draw.kind === 'mention') {
    return {
      kind: 'mention',
      // Prefixes differ by kind: both kinds are filed under the one source of whoever sends them.
      source_id: `post-${draw.seed}-${draw.id}`,
      ...common,
      text: decorateMention(text, draw.category, r),
      attributes: {
        platform: pickWeighted(r, PLATFORMS, (p) => p.weight).platform,
        reactions: Math.floor(Math.exp(2 + 1.3 * gaussian(r))),
        shares: Math.floor(Math.exp(0.5 + 1.2 * gaussian(r))),
        ...episode,
      },
    }
  }
  return {
    kind: 'complaint',
    source_id: `1022-${draw.seed}-${draw.id}`,
    ...common,
    category: draw.category,
    text: chance(r, CALLER_DETAILS_SHARE) ? text + callerDetails(r) : text,
    address: `${place.street}, ${place.ward}, ${place.district}`,
    attributes: { channel: pickWeighted(r, CHANNELS, (c) => c.weight).channel, ...episode },
  }
}

function drawText(r: Random, draw: Draw, place: Place, at: number): string {
  const ordinary = draw.kind === 'complaint' ? COMPLAINT_TEXTS : MENTION_TEXTS
  const rainy = draw.kind === 'complaint' ? RAIN_COMPLAINT_TEXTS : RAIN_MENTION_TEXTS
  const templates = (draw.rain ? rainy[draw.category] : undefined) ?? ordinary[draw.category] ?? ordinary.other ?? []
  return renderTemplate(pick(r, templates), place, at, r)
}

function drawPlace(r: Random, draw: Draw): { place: Place; lat: number; lon: number } {
  const wet = draw.category === 'flooding' || draw.category === 'drainage'
  if (draw.rain && wet && chance(r, 0.75)) {
    // Rain floods the same streets every year: cluster tightly on the known spots.
    const spot = pick(r, FLOOD_SPOTS)
    const district = districtByKey(spot.district)
    return { place: placeIn(r, district, spot.street), ...jitter(r, spot.lat, spot.lon, 0.003) }
  }
  const district = pickWeighted(r, DISTRICTS, (d) => d.weight * districtFactor(d, wet, draw.rain))
  const cluster = pick(r, district.clusters)
  return { place: placeIn(r, district, pick(r, district.streets)), ...jitter(r, cluster.lat, cluster.lon, cluster.sigma) }
}

function districtFactor(district: District, wet: boolean, rain: boolean): number {
  if (wet || rain) return district.lowLying ? 3 : 0.4
  return 1
}

function placeIn(r: Random, district: District, street: string): Place {
  const others = district.streets.filter((s) => s !== street)
  return {
    street,
    street2: others.length > 0 ? pick(r, others) : street,
    ward: pick(r, district.wards),
    district: district.name,
    districtShort: district.short,
  }
}

/** A normal scatter cut at 2.5 σ (no far outliers), kept inside the city box, to 6 decimals (~0.1 m). */
function jitter(r: Random, lat: number, lon: number, sigma: number): { lat: number; lon: number } {
  const clamp = (value: number) => Math.max(-2.5, Math.min(2.5, value))
  const y = Math.min(CITY_BOUNDS.north, Math.max(CITY_BOUNDS.south, lat + clamp(gaussian(r)) * sigma))
  const x = Math.min(CITY_BOUNDS.east, Math.max(CITY_BOUNDS.west, lon + clamp(gaussian(r)) * sigma))
  return { lat: Math.round(y * 1e6) / 1e6, lon: Math.round(x * 1e6) / 1e6 }
}
