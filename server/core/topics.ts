/**
 * Issues, not just categories (docs/SPEC.md NLP-5): the events of a period grouped by category ×
 * place (the finest unit an event has: its ward, else its district), each named by the key phrase
 * its texts share — a street or landmark name, else a distinctive multi-word token — and ranked by
 * volume, with the growth against the previous 7 days. Pure: events, counts, names and the
 * tokeniser come in; the adapter (server/topics/) asks the database.
 */
import type { EventKind } from './event'
import { maskPersonalData } from './privacy'
import { asciiFold } from './text'
import { unitLabel } from './unit-label'
import { MINUTE_MS, minuteOf } from './windows'

export type TopicPeriod = 'today' | 'week'
export const TOPIC_PERIODS: readonly TopicPeriod[] = ['today', 'week']

const DAY_MS = 24 * 60 * MINUTE_MS
/** Asia/Ho_Chi_Minh has kept UTC+7 without daylight saving since 1975. */
const LOCAL_OFFSET_MS = 7 * 60 * MINUTE_MS
/** Events without a category (mentions before the classifier) count under this one. */
export const FALLBACK_CATEGORY = 'other'
/** The levels a topic's place is taken from, finest first. */
export const PLACE_LEVELS: readonly string[] = ['ward', 'district']
const MAX_SAMPLES = 3
const MAX_CELLS = 20
/** A phrase must recur: one post's wording is not yet an issue's name. */
const MIN_PHRASE_EVENTS = 2

/** A half-open span of instants [fromMs, toMs). */
export interface TopicSpan {
  fromMs: number
  toMs: number
}

export interface TopicWindows {
  /** The period counted: [from, to], `to` being now. */
  current: TopicSpan
  /**
   * The spans `previous` averages: for today, the same hours of each of the 7 days before; for
   * week, the 7 days before it (one span). On minute boundaries, as roll-ups are.
   */
  previous: TopicSpan[]
}

/** today: local midnight (Asia/Ho_Chi_Minh) → now; week: the last 7 days → now. */
export function topicWindows(now: Date, period: TopicPeriod): TopicWindows {
  const nowMs = now.getTime()
  const fromMs = period === 'today' ? Math.floor((nowMs + LOCAL_OFFSET_MS) / DAY_MS) * DAY_MS - LOCAL_OFFSET_MS : nowMs - 7 * DAY_MS
  const toMinuteMs = (minuteOf(nowMs) + 1) * MINUTE_MS
  const fromMinuteMs = minuteOf(fromMs) * MINUTE_MS
  const previous =
    period === 'today'
      ? Array.from({ length: 7 }, (_, k) => ({ fromMs: fromMinuteMs - (k + 1) * DAY_MS, toMs: toMinuteMs - (k + 1) * DAY_MS }))
      : [{ fromMs: fromMinuteMs - 7 * DAY_MS, toMs: toMinuteMs - 7 * DAY_MS }]
  return { current: { fromMs, toMs: nowMs }, previous }
}

export interface TopicEvent {
  kind: EventKind
  category: string | null
  units: readonly string[]
  cell: string | null
  text: string | null
  occurredAt: string
}

/** Events of one category in one set of units over all `previous` spans, summed (rollup_minute). */
export interface PreviousCount {
  category: string | null
  units: readonly string[]
  count: number
}

export interface TopicUnit {
  code: string
  level: string
  name: string
}

export interface TopicPlace {
  code: string
  level: string
  name: string
}

export interface Topic {
  id: string
  label: { vi: string; en: string }
  category: string
  group: string
  place: TopicPlace | null
  phrase: string | null
  counts: { complaints: number; mentions: number }
  total: number
  /** The average count of `previous` spans (one decimal). */
  previous: number
  /** total / max(previous, 1), one decimal; null when previous is 0: a new issue has no ratio. */
  growth: number | null
  samples: string[]
  cells: string[]
}

export interface TopicWords {
  stopwords: ReadonlySet<string>
  /** Tokens after which a street or landmark name comes ("đường", "chợ"). */
  landmarkWords: ReadonlySet<string>
}

export interface TopicInput {
  /** The period's events, newest first. */
  events: readonly TopicEvent[]
  previous: readonly PreviousCount[]
  /** How many spans `previous` sums (topicWindows().previous.length). */
  previousSpans: number
  units: ReadonlyMap<string, TopicUnit>
  categories: ReadonlyMap<string, { group: string; name: { vi: string; en: string } }>
  tokens: (text: string) => string[]
  words: TopicWords
  limit: number
}

/** The finest unit of PLACE_LEVELS among `units`, or null. */
export function placeOf(units: readonly string[], known: ReadonlyMap<string, TopicUnit>): TopicUnit | null {
  for (const level of PLACE_LEVELS) {
    for (const code of units) {
      const unit = known.get(code)
      if (unit?.level === level) return unit
    }
  }
  return null
}

const categoryOf = (category: string | null) => (category ? category : FALLBACK_CATEGORY)
const groupKey = (category: string, place: TopicUnit | null) => `${category}|${place?.code ?? ''}`
const roundOne = (value: number) => Math.round(value * 10) / 10

interface Candidate {
  /** Syllables, lower case, joined by spaces. */
  phrase: string
  isName: boolean
}

/** How many syllables a street or landmark name written as separate syllables may have. */
const MAX_NAME_SYLLABLES = 4
/** Lower-case typing gives no hint where a name ends; most street names have two syllables. */
const UNCASED_NAME_SYLLABLES = 2

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `phrase` (syllables separated by spaces) as written in `text`, whole words, any case; or null. */
function writtenForm(phrase: string, text: string): string | null {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${phrase.split(' ').map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu')
  return pattern.exec(text.normalize('NFC'))?.[0].replace(/\s+/g, ' ') ?? null
}

const capitalised = (written: string) => written.split(' ').every((word) => /^\p{Lu}/u.test(word))

/**
 * The phrase candidates of one text, each once: the name after a landmark word ("đường Nguyễn Hữu
 * Cảnh": the dictionary token, or the run of capitalised syllables the writer typed), and the other
 * multi-word tokens.
 */
export function phraseCandidates(text: string, tokens: readonly string[], words: TopicWords, excluded: ReadonlySet<string>): Candidate[] {
  const found = new Map<string, Candidate>()
  const usable = (token: string) => !words.stopwords.has(token) && !words.landmarkWords.has(token) && !excluded.has(token) && /\p{L}/u.test(token)
  const add = (phrase: string, isName: boolean) => {
    const held = found.get(phrase)
    if (!held || (isName && !held.isName)) found.set(phrase, { phrase, isName })
  }
  tokens.forEach((token, index) => {
    if (!usable(token)) return
    const before = tokens[index - 1]
    if (before === undefined || !words.landmarkWords.has(before)) {
      if (token.includes('_')) add(token.replaceAll('_', ' '), false)
      return
    }
    if (token.includes('_')) return add(token.replaceAll('_', ' '), true)
    const run: string[] = []
    for (const next of tokens.slice(index, index + MAX_NAME_SYLLABLES)) {
      if (!usable(next) || next.includes('_')) break
      run.push(next)
    }
    const cased = run.map((_, k) => run.slice(0, k + 1).join(' ')).filter((phrase) => capitalised(writtenForm(phrase, text) ?? ''))
    add(cased.at(-1) ?? run.slice(0, UNCASED_NAME_SYLLABLES).join(' '), true)
  })
  return [...found.values()]
}

/** The phrase as people wrote it ("Nguyễn Hữu Cảnh"), from the first text holding it; else the tokens' own case. */
function displayForm(phrase: string, texts: readonly string[]): string {
  for (const text of texts) {
    const written = writtenForm(phrase, text)
    if (written) return written
  }
  return phrase
}

interface Group {
  category: string
  place: TopicUnit | null
  events: TopicEvent[]
}

/** The key phrase of a group: names first, then the one in most events, then the rarer over the period. */
function keyPhrase(group: Group, periodFrequency: ReadonlyMap<string, number>, candidatesOf: (event: TopicEvent) => Candidate[]): string | null {
  const counts = new Map<string, { events: number; isName: boolean }>()
  for (const event of group.events) {
    for (const candidate of candidatesOf(event)) {
      const held = counts.get(candidate.phrase) ?? { events: 0, isName: false }
      counts.set(candidate.phrase, { events: held.events + 1, isName: held.isName || candidate.isName })
    }
  }
  const needed = Math.min(MIN_PHRASE_EVENTS, group.events.length)
  const ranked = [...counts.entries()]
    .filter(([, c]) => c.events >= needed)
    .sort(([a, ca], [b, cb]) => Number(cb.isName) - Number(ca.isName) || cb.events - ca.events || (periodFrequency.get(a) ?? 0) - (periodFrequency.get(b) ?? 0) || a.localeCompare(b))
  const best = ranked[0]?.[0]
  return best === undefined ? null : displayForm(best, group.events.flatMap((e) => (e.text ? [e.text] : [])))
}

/**
 * The categories' and places' own names, which a topic's label already says. Only their words of
 * several syllables: a single syllable ("hàng" of "Hàng rong") is also part of street names.
 */
function excludedTokens(input: TopicInput): Set<string> {
  const names = [...[...input.categories.values()].map((category) => category.name.vi), ...[...input.units.values()].map((unit) => unit.name.replace(/^(thành phố|thị trấn|thị xã|quận|huyện|phường|xã)\s+/iu, ''))]
  return new Set(names.flatMap((name) => input.tokens(name).filter((token) => token.includes('_'))))
}

function label(category: { vi: string; en: string }, phrase: string | null, place: TopicUnit | null): { vi: string; en: string } {
  const where = place ? unitLabel(place.name) : null
  const parts = (lang: 'vi' | 'en') => [category[lang], ...(phrase ? [phrase] : []), ...(where ? [where[lang]] : [])].join(' · ')
  return { vi: parts('vi'), en: parts('en') }
}

/** The period's issues, most events first; ties by growth, then id. */
export function rankTopics(input: TopicInput): Topic[] {
  const groups = new Map<string, Group>()
  for (const event of input.events) {
    const category = categoryOf(event.category)
    const place = placeOf(event.units, input.units)
    const key = groupKey(category, place)
    const group = groups.get(key) ?? { category, place, events: [] }
    group.events.push(event)
    groups.set(key, group)
  }
  const previous = new Map<string, number>()
  for (const row of input.previous) {
    const key = groupKey(categoryOf(row.category), placeOf(row.units, input.units))
    previous.set(key, (previous.get(key) ?? 0) + row.count)
  }

  const excluded = excludedTokens(input)
  const candidates = new Map<TopicEvent, Candidate[]>()
  const periodFrequency = new Map<string, number>()
  for (const event of input.events) {
    const found = event.text ? phraseCandidates(event.text, input.tokens(event.text), input.words, excluded) : []
    candidates.set(event, found)
    for (const c of found) periodFrequency.set(c.phrase, (periodFrequency.get(c.phrase) ?? 0) + 1)
  }
  const candidatesOf = (event: TopicEvent) => candidates.get(event) ?? []

  const topics = [...groups.entries()].map(([key, group]): Topic => {
    const complaints = group.events.filter((e) => e.kind === 'complaint').length
    const total = group.events.length
    const before = roundOne((previous.get(key) ?? 0) / Math.max(input.previousSpans, 1))
    const phrase = keyPhrase(group, periodFrequency, candidatesOf)
    const category = input.categories.get(group.category)
    const names = category?.name ?? { vi: group.category, en: group.category }
    return {
      id: `${group.category}|${group.place?.code ?? ''}|${phrase ? asciiFold(phrase).toLowerCase() : ''}`,
      label: label(names, phrase, group.place),
      category: group.category,
      group: category?.group ?? FALLBACK_CATEGORY,
      place: group.place ? { code: group.place.code, level: group.place.level, name: group.place.name } : null,
      phrase,
      counts: { complaints, mentions: total - complaints },
      total,
      previous: before,
      growth: before === 0 ? null : roundOne(total / Math.max(before, 1)),
      samples: group.events.flatMap((e) => (e.text ? [maskPersonalData(e.text)] : [])).slice(0, MAX_SAMPLES),
      cells: [...new Set(group.events.flatMap((e) => (e.cell ? [e.cell] : [])))].slice(0, MAX_CELLS),
    }
  })
  return topics.sort((a, b) => b.total - a.total || (b.growth ?? Infinity) - (a.growth ?? Infinity) || a.id.localeCompare(b.id)).slice(0, input.limit)
}
