/**
 * Spike alerts (docs/SPEC.md NLP-6): a place × layer × category whose count over the last
 * `windowMinutes` is far above its usual count for that hour of the week raises one alert, which
 * updates while the storm lasts and clears once it has calmed for `clearAfterMinutes`. Pure: the
 * counts and the instant come in; the adapter (server/alerts/) asks the database for them.
 */
import { z } from 'zod'
import type { Layer } from './protocol'
import { placeLabel as unitPlaceLabel } from './unit-label'
import { CITY_SCOPE, MINUTE_MS, minuteOf } from './windows'

const WEEK_MINUTES = 7 * 24 * 60

export const spikeConfigSchema = z
  .object({
    /** The recent window counted, in minutes; the baseline uses windows of the same length. */
    windowMinutes: z.number().int().min(30, { error: 'must be 30–60 minutes' }).max(60, { error: 'must be 30–60 minutes' }).default(30),
    /** How many previous weeks, at the same hour of the week, make the baseline. */
    baselineWeeks: z.number().int().min(1).max(12, { error: 'must be 1–12 weeks: rollups older than that may be gone' }).default(4),
    /** The baseline is never below this, so a quiet place does not alert on a couple of events. */
    minBaseline: z.number().positive().default(1),
    /** Fewer events than this never raise an alert, however quiet the place usually is. */
    minCount: z.number().int().min(1).default(10),
    /** Raise when count ≥ raiseRatio × baseline (and ≥ minCount). */
    raiseRatio: z.number().gt(1).default(4),
    /** A raised alert is calm while count < clearRatio × baseline or count < minCount / 2. */
    clearRatio: z.number().gt(0).default(2),
    /** …and clears after being calm this long, so a storm that dips for a minute stays one alert. */
    clearAfterMinutes: z.number().int().min(0).default(15),
    /** Cleared alerts are still listed (`state=all`) this long. */
    keepClearedMinutes: z.number().int().min(0).default(24 * 60),
  })
  .refine((config) => config.clearRatio < config.raiseRatio, { error: 'clearRatio must be below raiseRatio, or an alert would clear as soon as it is raised', path: ['clearRatio'] })

export type SpikeConfig = z.output<typeof spikeConfigSchema>
export const DEFAULT_SPIKE_CONFIG: SpikeConfig = spikeConfigSchema.parse({})

export interface SpikePlace {
  kind: 'cell' | 'unit'
  /** An H3 index, or a unit code. */
  code: string
  /** The unit's stored name ("Phường Tân Phong"); cells have none. */
  name?: string
  level?: string
  /** The name of the unit holding it ("Quận 7"), to tell apart wards of the same name. */
  parentName?: string
  /** Codes of the units holding it, from the top level down: its alert reaches those scopes too. */
  within?: string[]
}

/** Whether subscribers of `scope` hear of an alert at `place`: the city's, the place's own and its holders'. */
export const placeInScope = (place: SpikePlace, scope: string): boolean => scope === CITY_SCOPE || place.code === scope || (place.within ?? []).includes(scope)

/** One place × layer × category at the current instant, as the database counts it. */
export interface SpikeObservation {
  place: SpikePlace
  layer: Layer
  category: string
  /** Events in the current window (spikeWindows().current). */
  count: number
  /** Events in the `baselineWeeks` windows of spikeWindows().past, summed. */
  pastTotal: number
}

export type AlertState = 'raised' | 'updated' | 'cleared'

export interface SpikeAlert {
  id: string
  place: SpikePlace
  layer: Layer
  category: string
  count: number
  /** The highest count while raised. */
  peak: number
  baseline: number
  /** count / baseline, one decimal. */
  ratio: number
  windowMinutes: number
  startedAt: string
  updatedAt: string
  clearedAt?: string
  state: AlertState
  sentence: { vi: string; en: string }
}

/** A half-open span of instants [fromMs, toMs), on minute boundaries. */
export interface Span {
  fromMs: number
  toMs: number
}

/**
 * The current window — the `windowMinutes` minutes up to and including the current minute — and
 * the same span 1…baselineWeeks weeks earlier: the same hour of the week, so rush hour is compared
 * with rush hour and 3 am with 3 am.
 */
export function spikeWindows(now: Date, config: SpikeConfig): { current: Span; past: Span[] } {
  const toMs = (minuteOf(now.getTime()) + 1) * MINUTE_MS
  const current = { fromMs: toMs - config.windowMinutes * MINUTE_MS, toMs }
  const past = Array.from({ length: config.baselineWeeks }, (_, k) => {
    const shift = (k + 1) * WEEK_MINUTES * MINUTE_MS
    return { fromMs: current.fromMs - shift, toMs: current.toMs - shift }
  })
  return { current, past }
}

/** The mean of the past weeks' windows (a week with no events counts as 0), never below minBaseline. */
export function baselineOf(pastTotal: number, config: SpikeConfig): number {
  return Math.max(pastTotal / config.baselineWeeks, config.minBaseline)
}

const isSpike = (count: number, baseline: number, config: SpikeConfig) => count >= config.minCount && count >= config.raiseRatio * baseline
const isCalm = (count: number, baseline: number, config: SpikeConfig) => count < config.clearRatio * baseline || count < config.minCount / 2
const roundRatio = (ratio: number) => Math.round(ratio * 10) / 10

export const alertKey = (place: SpikePlace, layer: Layer, category: string) => `${place.kind}:${place.code}|${layer}|${category}`

/** Category names, vi and en; an unknown code is written as it is. */
export type CategoryNames = (code: string) => { vi: string; en: string } | undefined

interface Tracked {
  alert: SpikeAlert
  /** When the count last turned calm, or null while it is not. */
  calmSinceMs: number | null
}

/**
 * The alert set of one node. `step` takes every observation of an instant (a place missing from
 * them counts 0) and answers the alerts that changed, each once: raised, updated, or cleared.
 */
export class SpikeTracker {
  /** Raised alerts by alertKey: at most one per place × layer × category. */
  private readonly raised = new Map<string, Tracked>()
  /** Cleared alerts by id, kept `keepClearedMinutes`: a new storm at the same place does not hide them. */
  private readonly cleared = new Map<string, SpikeAlert>()

  constructor(
    private readonly config: SpikeConfig,
    private readonly categoryNames: CategoryNames,
  ) {}

  step(now: Date, observations: readonly SpikeObservation[]): SpikeAlert[] {
    const nowMs = now.getTime()
    const at = now.toISOString()
    const changed: SpikeAlert[] = []
    const seen = new Set<string>()
    const follow = (key: string, held: Tracked, count: number, baseline: number) => {
      const next = this.follow(held, count, baseline, nowMs, at)
      if (!next) return
      changed.push(next)
      if (next.state !== 'cleared') return
      this.raised.delete(key)
      this.cleared.set(next.id, next)
    }
    for (const observation of observations) {
      const key = alertKey(observation.place, observation.layer, observation.category)
      seen.add(key)
      const baseline = baselineOf(observation.pastTotal, this.config)
      const held = this.raised.get(key)
      if (held) follow(key, held, observation.count, baseline)
      else if (isSpike(observation.count, baseline, this.config)) {
        const alert = this.describe({
          id: `${key}@${at}`,
          place: observation.place,
          layer: observation.layer,
          category: observation.category,
          count: observation.count,
          peak: observation.count,
          baseline,
          ratio: roundRatio(observation.count / baseline),
          windowMinutes: this.config.windowMinutes,
          startedAt: at,
          updatedAt: at,
          state: 'raised',
        })
        this.raised.set(key, { alert, calmSinceMs: null })
        changed.push(alert)
      }
    }
    for (const [key, held] of this.raised) if (!seen.has(key)) follow(key, held, 0, held.alert.baseline)
    for (const [id, alert] of this.cleared) {
      if (nowMs - Date.parse(alert.clearedAt as string) >= this.config.keepClearedMinutes * MINUTE_MS) this.cleared.delete(id)
    }
    return changed
  }

  /** Raised and updated alerts, the largest ratio first. */
  active(): SpikeAlert[] {
    return [...this.raised.values()].map((held) => held.alert).sort((a, b) => b.ratio - a.ratio || a.id.localeCompare(b.id))
  }

  /** Active alerts, then those cleared within `keepClearedMinutes`, newest first. */
  all(): SpikeAlert[] {
    const cleared = [...this.cleared.values()].sort((a, b) => (b.clearedAt as string).localeCompare(a.clearedAt as string) || a.id.localeCompare(b.id))
    return [...this.active(), ...cleared]
  }

  /** An active alert's next state, or null when nothing a reader sees changed. */
  private follow(held: Tracked, count: number, baseline: number, nowMs: number, at: string): SpikeAlert | null {
    const before = held.alert
    if (isCalm(count, baseline, this.config)) {
      held.calmSinceMs ??= nowMs
      if (nowMs - held.calmSinceMs >= this.config.clearAfterMinutes * MINUTE_MS) {
        held.alert = this.describe({ ...before, count, baseline, ratio: roundRatio(count / baseline), updatedAt: at, clearedAt: at, state: 'cleared' })
        return held.alert
      }
    } else held.calmSinceMs = null
    if (count === before.count && baseline === before.baseline) return null
    held.alert = this.describe({ ...before, count, peak: Math.max(before.peak, count), baseline, ratio: roundRatio(count / baseline), updatedAt: at, state: 'updated' })
    return held.alert
  }

  private describe(alert: Omit<SpikeAlert, 'sentence'>): SpikeAlert {
    return { ...alert, sentence: spikeSentence(alert, this.categoryNames(alert.category)) }
  }
}

const NUMBER = { vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }) }

function placeLabel(place: SpikePlace): { vi: string; en: string } {
  if (place.kind === 'cell' || !place.name) return { vi: `ô ${place.code}`, en: `cell ${place.code}` }
  return unitPlaceLabel(place.name, place.parentName)
}

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase('vi') + text.slice(1)
const upperFirst = (text: string) => text.charAt(0).toLocaleUpperCase('en') + text.slice(1)

/**
 * "Phản ánh ngập nước tăng đột biến tại P. Tân Phong, Q.7: 23 trong 30 phút, gấp 5 lần bình thường" /
 * "Flooding complaints spiking in Tân Phong ward, District 7: 23 in 30 minutes, 5 times the usual".
 * A cleared alert says the storm is over, with its peak.
 */
export function spikeSentence(alert: Omit<SpikeAlert, 'sentence'>, category: { vi: string; en: string } | undefined): { vi: string; en: string } {
  const place = placeLabel(alert.place)
  const name = category ?? (alert.category ? { vi: alert.category, en: alert.category } : undefined)
  const what = {
    vi: alert.layer === 'complaints' ? `Phản ánh${name ? ` ${lowerFirst(name.vi)}` : ''}` : `Bài đăng${name ? ` về ${lowerFirst(name.vi)}` : ''}`,
    en: alert.layer === 'complaints' ? upperFirst(`${name ? `${name.en} ` : ''}complaints`) : upperFirst(`${name ? `${name.en} ` : ''}posts`),
  }
  const minutes = alert.windowMinutes
  if (alert.state === 'cleared') {
    return {
      vi: `${what.vi} tại ${place.vi} đã trở lại bình thường (cao nhất ${NUMBER.vi.format(alert.peak)} trong ${minutes} phút)`,
      en: `${what.en} back to normal in ${place.en} (peak ${NUMBER.en.format(alert.peak)} in ${minutes} minutes)`,
    }
  }
  return {
    vi: `${what.vi} tăng đột biến tại ${place.vi}: ${NUMBER.vi.format(alert.count)} trong ${minutes} phút, gấp ${NUMBER.vi.format(alert.ratio)} lần bình thường`,
    en: `${what.en} spiking in ${place.en}: ${NUMBER.en.format(alert.count)} in ${minutes} minutes, ${NUMBER.en.format(alert.ratio)} times the usual`,
  }
}
