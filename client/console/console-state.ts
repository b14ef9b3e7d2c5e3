/**
 * The whole view of /console lives in its URL, so a view can be shared and reloaded (CON-UI-2):
 *
 *   cell       an H3 cell (res 6–9) whose records the side panel lists      | or
 *   unit       a boundary code (ward, district…)
 *   layer      complaints,mentions                                          default both
 *   category   taxonomy codes (comma list)                                  default all
 *   source     source names (comma list)                                    default all
 *   status     lifecycle statuses or `open` (comma list)                    default all
 *   sentiment  negative,neutral,positive                                    default all
 *   window     1h | 24h | 7d                                                default 24h
 *   from, to   a custom range instead of window (ISO 8601 with zone, ≤ 90 days)
 *   q          a search: complaint id, source id or words
 *   replay     the replayed instant (ISO 8601); absent = live
 *   speed      replay speed ×60 … ×3600                                     default 600
 *   lang       vi | en
 *
 * Pure: parse never throws (an unreadable value falls back to its default, as /wall does);
 * serialise writes only what differs from the defaults, in a fixed order.
 */
import { isValidCell, getResolution } from 'h3-js'
import { LAYERS, WINDOWS, type Layer, type WindowName } from '../../server/core/protocol'
import { LIFECYCLE_STATUSES } from '../../server/core/lifecycle'
import { REPLAY_SPEEDS, DEFAULT_SPEED, type ReplaySpeed } from './replay-clock'

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const
export type Sentiment = (typeof SENTIMENTS)[number]
export const STATUS_FILTERS = ['open', ...LIFECYCLE_STATUSES] as const
export type StatusFilter = (typeof STATUS_FILTERS)[number]

/** The contract's limit for a custom range. */
export const MAX_RANGE_DAYS = 90
const DAY_MS = 86_400_000

export type Place = { kind: 'cell'; id: string } | { kind: 'unit'; id: string }

export type TimeSpan = { kind: 'window'; window: WindowName } | { kind: 'range'; from: string; to: string }

export interface ConsoleFilters {
  layers: Layer[]
  categories: string[]
  sources: string[]
  statuses: StatusFilter[]
  sentiments: Sentiment[]
  span: TimeSpan
}

export interface ConsoleState {
  place: Place | null
  filters: ConsoleFilters
  q: string | null
  /** The replayed instant (ms); null while live. */
  replayAt: number | null
  speed: ReplaySpeed
  lang: 'vi' | 'en' | null
}

export const DEFAULT_FILTERS: ConsoleFilters = {
  layers: [...LAYERS],
  categories: [],
  sources: [],
  statuses: [],
  sentiments: [],
  span: { kind: 'window', window: '24h' },
}

export const DEFAULT_STATE: ConsoleState = { place: null, filters: DEFAULT_FILTERS, q: null, replayAt: null, speed: DEFAULT_SPEED, lang: null }

const list = (raw: string | null): string[] =>
  raw === null ? [] : [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0))]

const known = <T extends string>(values: readonly T[], raw: string | null): T[] =>
  list(raw).filter((v): v is T => (values as readonly string[]).includes(v))

/** A cell the map can show: valid H3 at resolution 6–9. */
export function isConsoleCell(id: string): boolean {
  return isValidCell(id) && getResolution(id) >= 6 && getResolution(id) <= 9
}

/** An instant with an explicit zone ("Z" or "+07:00"), as the contract asks; null otherwise. */
export function parseInstant(raw: string | null): number | null {
  if (!raw || !/(Z|[+-]\d\d:?\d\d)$/.test(raw.trim())) return null
  const ms = Date.parse(raw.trim())
  return Number.isFinite(ms) ? ms : null
}

export type RangeProblem = 'missing' | 'order' | 'tooLong'

/** Why a custom range cannot be asked for, or null when it can (the server says the same with a 400). */
export function rangeProblem(from: string, to: string): RangeProblem | null {
  const a = parseInstant(from)
  const b = parseInstant(to)
  if (a === null || b === null) return 'missing'
  if (a > b) return 'order'
  if (b - a > MAX_RANGE_DAYS * DAY_MS) return 'tooLong'
  return null
}

function parseSpan(p: URLSearchParams): TimeSpan {
  const from = p.get('from')
  const to = p.get('to')
  if (from && to && rangeProblem(from, to) === null) return { kind: 'range', from: new Date(parseInstant(from)!).toISOString(), to: new Date(parseInstant(to)!).toISOString() }
  const window = p.get('window')
  return { kind: 'window', window: (WINDOWS as readonly string[]).includes(window ?? '') ? (window as WindowName) : '24h' }
}

function parsePlace(p: URLSearchParams): Place | null {
  const cell = p.get('cell')?.trim().toLowerCase()
  if (cell && isConsoleCell(cell)) return { kind: 'cell', id: cell }
  const unit = p.get('unit')?.trim()
  if (unit && /^[\w.-]{1,64}$/.test(unit)) return { kind: 'unit', id: unit }
  return null
}

export function parseConsoleState(search: string): ConsoleState {
  const p = new URLSearchParams(search)
  const layers = known(LAYERS, p.get('layer'))
  const speed = Number(p.get('speed'))
  const q = p.get('q')?.trim().slice(0, 200) ?? ''
  const lang = p.get('lang')
  return {
    place: parsePlace(p),
    filters: {
      layers: layers.length > 0 ? layers : [...LAYERS],
      categories: list(p.get('category')).filter((c) => /^[\w.-]{1,64}$/.test(c)),
      sources: list(p.get('source')).filter((s) => s.length <= 64),
      statuses: known(STATUS_FILTERS, p.get('status')),
      sentiments: known(SENTIMENTS, p.get('sentiment')),
      span: parseSpan(p),
    },
    q: q.length > 0 ? q : null,
    replayAt: parseInstant(p.get('replay')),
    speed: (REPLAY_SPEEDS as readonly number[]).includes(speed) ? (speed as ReplaySpeed) : DEFAULT_SPEED,
    lang: lang === 'vi' || lang === 'en' ? lang : null,
  }
}

/** The query string of a state (without "?"); defaults are left out so a plain view has a plain URL. */
export function serialiseConsoleState(state: ConsoleState): string {
  const p = new URLSearchParams()
  if (state.place) p.set(state.place.kind, state.place.id)
  for (const [key, value] of filterEntries(state.filters)) p.set(key, value)
  if (state.q) p.set('q', state.q)
  if (state.replayAt !== null) p.set('replay', new Date(state.replayAt).toISOString())
  if (state.speed !== DEFAULT_SPEED) p.set('speed', String(state.speed))
  if (state.lang) p.set('lang', state.lang)
  return p.toString()
}

/** The filters as REST query parameters (the contract's names), defaults left out. */
export function filterEntries(filters: ConsoleFilters): Array<[string, string]> {
  const out: Array<[string, string]> = []
  if (filters.layers.length > 0 && filters.layers.length < LAYERS.length) out.push(['layer', filters.layers.join(',')])
  if (filters.categories.length > 0) out.push(['category', filters.categories.join(',')])
  if (filters.sources.length > 0) out.push(['source', filters.sources.join(',')])
  if (filters.statuses.length > 0) out.push(['status', filters.statuses.join(',')])
  if (filters.sentiments.length > 0) out.push(['sentiment', filters.sentiments.join(',')])
  if (filters.span.kind === 'range') out.push(['from', filters.span.from], ['to', filters.span.to])
  else if (filters.span.window !== '24h') out.push(['window', filters.span.window])
  return out
}
