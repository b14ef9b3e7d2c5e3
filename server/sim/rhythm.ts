/**
 * When the city complains: the daily rhythm in Ho Chi Minh City time and the afternoon shower.
 * Pure; every function takes the instant it is about.
 */
import { hashInts, createRandom, intBetween } from './prng'

/**
 * Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving since 1975), so a fixed offset is exact
 * and keeps the scenario independent of the TZ the process runs under.
 */
export const HCMC_OFFSET_MS = 7 * 3_600_000
const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

export interface LocalTime {
  /** Days since 1970-01-01 in city time: the key of the day's rain episode. */
  day: number
  hour: number
  minute: number
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number
}

export function localTime(ms: number): LocalTime {
  const local = ms + HCMC_OFFSET_MS
  const day = Math.floor(local / DAY_MS)
  const minuteOfDay = Math.floor((local - day * DAY_MS) / MINUTE_MS)
  return { day, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60, weekday: (day + 4) % 7 }
}

/** "2026-11-24T08:30:12+07:00": what the 1022 system and social feeds would write. */
export function formatLocalIso(ms: number): string {
  return new Date(ms + HCMC_OFFSET_MS).toISOString().slice(0, 19) + '+07:00'
}

/** Share of the peak rate by local hour: quiet nights, morning and evening rush at 1.0. */
const HOURLY = [
  0.12, 0.08, 0.06, 0.05, 0.07, 0.18, 0.45, 0.9, 1.0, 0.8, 0.62, 0.6,
  0.5, 0.52, 0.58, 0.62, 0.75, 0.95, 1.0, 0.85, 0.65, 0.5, 0.35, 0.2,
] as const

export const isWeekend = (t: LocalTime) => t.weekday === 0 || t.weekday === 6
export const isRushHour = (t: LocalTime) => (t.hour >= 7 && t.hour < 9) || (t.hour >= 17 && t.hour < 19)
export const isNight = (t: LocalTime) => t.hour >= 22 || t.hour < 5

/** Activity in [0.05, 1], interpolated between hours so the map does not jump on the hour. */
export function activity(ms: number): number {
  const t = localTime(ms)
  const here = HOURLY[t.hour] ?? 0.5
  const next = HOURLY[(t.hour + 1) % 24] ?? 0.5
  let level = here + ((next - here) * t.minute) / 60
  // Weekend mornings start late and the commute peaks flatten.
  if (isWeekend(t) && ((t.hour >= 6 && t.hour < 10) || (t.hour >= 17 && t.hour < 19))) level *= 0.75
  return level
}

/** How much more (or less) likely a category is at this hour than on average. */
export function categoryHourFactor(code: string, ms: number): number {
  const t = localTime(ms)
  switch (code) {
    case 'traffic':
      if (isRushHour(t)) return isWeekend(t) ? 1.6 : 2.6
      if (t.hour === 6 || t.hour === 9 || t.hour === 16 || t.hour === 19) return 1.4
      return isNight(t) ? 0.3 : 1
    case 'noise':
    case 'public_order':
      return t.hour >= 21 || t.hour < 2 ? 2.5 : isNight(t) ? 1.5 : 0.8
    case 'lighting':
      return t.hour >= 18 || t.hour < 6 ? 2 : 0.5
    case 'admin':
      return !isWeekend(t) && t.hour >= 8 && t.hour < 17 ? 1.6 : 0.3
    case 'construction':
      return isNight(t) ? 0.5 : 1.1
    default:
      return 1
  }
}

export interface RainEpisode {
  start: Date
  end: Date
}

/**
 * One afternoon shower per city day, placed by the seed: starts between 14:00 and 16:30 and lasts
 * 45–90 min — the rainy-season pattern that floods the same low streets every year.
 */
export function rainEpisodeOfDay(seed: number, day: number): RainEpisode {
  const random = createRandom(hashInts(seed, day, 0x5241494e))
  const startMinute = 14 * 60 + intBetween(random, 0, 150)
  const duration = intBetween(random, 45, 90)
  const start = day * DAY_MS - HCMC_OFFSET_MS + startMinute * MINUTE_MS
  return { start: new Date(start), end: new Date(start + duration * MINUTE_MS) }
}

/** Episodes that overlap [from, to). */
export function rainEpisodesBetween(seed: number, from: Date, to: Date): RainEpisode[] {
  const episodes: RainEpisode[] = []
  for (let day = localTime(from.getTime()).day; day <= localTime(to.getTime()).day; day++) {
    const episode = rainEpisodeOfDay(seed, day)
    if (episode.end > from && episode.start < to) episodes.push(episode)
  }
  return episodes
}

/** Water takes a while to drain: flood reports keep coming after the rain stops. */
export const FLOOD_TAIL_MS = 45 * MINUTE_MS
const FLOOD_RAMP_MS = 15 * MINUTE_MS

/** Flood level in [0, 1]: ramps up over the first 15 min of rain, holds, then drains over 45 min. */
export function floodLevel(seed: number, ms: number): number {
  const episode = rainEpisodeOfDay(seed, localTime(ms).day)
  const start = episode.start.getTime()
  const end = episode.end.getTime()
  if (ms < start || ms >= end + FLOOD_TAIL_MS) return 0
  if (ms < end) return Math.min(1, (ms - start) / FLOOD_RAMP_MS)
  return 1 - (ms - end) / FLOOD_TAIL_MS
}

export function isRaining(seed: number, ms: number): boolean {
  const episode = rainEpisodeOfDay(seed, localTime(ms).day)
  return ms >= episode.start.getTime() && ms < episode.end.getTime()
}
