/**
 * Issues, not just categories (docs/SPEC.md NLP-5): the events of a period grouped by category ×
 * place (the finest unit an event has: its ward, else its district), ranked by volume on exact
 * counts (the minute roll-ups), with the growth against the previous 7 days; then only the issues
 * ranked first are named, by the key phrase their newest texts share — a street or landmark name,
 * else a distinctive multi-word token. Pure: counts, texts, names and the tokeniser come in; the
 * adapter (server/topics/) asks the database, in two steps: rankIssues, then nameTopics.
 */
import type { EventKind } from './event'
import { maskPersonalData } from './privacy'
import { asciiFold } from './text'
import { placeLabel } from './unit-label'
import { UNIT_PREFIXES } from './unit-prefixes'
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
/** How many of an issue's newest events are read to name it: enough for a phrase to recur, bounded whatever the volume. */
export const TOPIC_TEXTS = 200
const MAX_CELLS = 20
/** A phrase must recur: one post's wording is not yet an issue's name. */
const MIN_PHRASE_EVENTS = 2
/**
 * …and be said by a fair share of the issue's texts read: a street two posts of eighty name (or
 * a phrase such as "khác nha") does not name the other seventy-eight.
 */
const MIN_PHRASE_SHARE = 0.2

/** A half-open span of instants [fromMs, toMs). */
export interface TopicSpan {
  fromMs: number
  toMs: number
}

export interface TopicWindows {
  /**
   * The period counted, on minute boundaries as roll-ups are: from the minute holding its start
   * (today: local midnight) to the end of the current minute, which counts as far as it has gone.
   */
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
  return { current: { fromMs: fromMinuteMs, toMs: toMinuteMs }, previous }
}

/**
 * Events of one category (`''`: none, as rollup_minute keeps it) in one set of units and one
 * layer: in the period (`count`) and over all the `previous` spans, summed (topics-counts.sql).
 */
export interface TopicCount {
  category: string
  units: readonly string[]
  kind: EventKind
  count: number
  previous: number
}

export interface TopicUnit {
  code: string
  level: string
  name: string
  /** The name of the unit holding it, if any: labels say "P.3, Q.10", not "P.3" of a dozen districts. */
  parentName?: string | null
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
  /** The lexicon's cue phrases of every category ("kẹt xe", "triều cường"): they say the category, which the label says already. */
  categoryPhrases: readonly string[]
}

export interface RankInput {
  counts: readonly TopicCount[]
  /** How many spans `previous` sums (topicWindows().previous.length). */
  previousSpans: number
  units: ReadonlyMap<string, TopicUnit>
  limit: number
}

/** What an issue's texts are read by: the category and units of one of its roll-up rows. */
export interface IssueKey {
  category: string
  units: readonly string[]
}

/** An issue ranked on its exact counts, before it is named. */
export interface RankedIssue {
  category: string
  place: TopicUnit | null
  counts: { complaints: number; mentions: number }
  total: number
  previous: number
  growth: number | null
  /** The (category, units) of the roll-up rows its period's events were counted in: its texts are read by these, so they are the same events. */
  keys: IssueKey[]
}

/** One of an issue's newest events, newest first (topics-texts.sql). */
export interface IssueText {
  text: string | null
  cell: string | null
}

export interface NameInput {
  units: ReadonlyMap<string, TopicUnit>
  categories: ReadonlyMap<string, { group: string; name: { vi: string; en: string } }>
  tokens: (text: string) => string[]
  words: TopicWords
}

/**
 * The finest unit of PLACE_LEVELS among `units`, or null: the one rule that places an event, for
 * its counts in the period and before it and for the texts naming its issue. A point on a shared
 * border has two units of a level (ING-3); the first in `units` order wins — the larger, then the
 * lower code, as ingest orders them — so the event counts once, under one place, in every scope
 * that holds it.
 */
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
const groupKey = (category: string, place: TopicUnit | null) => `${category}|${place?.code ?? ''}|`
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

/** The key phrase of an issue: names first, then the one in most of its texts, then the rarer over all the texts read. */
function keyPhrase(texts: readonly IssueText[], periodFrequency: ReadonlyMap<string, number>, candidatesOf: (text: IssueText) => Candidate[]): string | null {
  const counts = new Map<string, { events: number; isName: boolean }>()
  for (const event of texts) {
    for (const candidate of candidatesOf(event)) {
      const held = counts.get(candidate.phrase) ?? { events: 0, isName: false }
      counts.set(candidate.phrase, { events: held.events + 1, isName: held.isName || candidate.isName })
    }
  }
  const needed = Math.min(Math.max(MIN_PHRASE_EVENTS, Math.ceil(MIN_PHRASE_SHARE * texts.length)), texts.length)
  const ranked = [...counts.entries()]
    .filter(([, c]) => c.events >= needed)
    .sort(([a, ca], [b, cb]) => Number(cb.isName) - Number(ca.isName) || cb.events - ca.events || (periodFrequency.get(a) ?? 0) - (periodFrequency.get(b) ?? 0) || a.localeCompare(b))
  const best = ranked[0]?.[0]
  return best === undefined ? null : displayForm(best, texts.flatMap((e) => (e.text ? [e.text] : [])))
}

/**
 * The categories' and places' own names, which a topic's label already says. Only their words of
 * several syllables: a single syllable ("hàng" of "Hàng rong") is also part of street names.
 */
function excludedTokens(input: NameInput): Set<string> {
  const names = [
    ...[...input.categories.values()].map((category) => category.name.vi),
    ...input.words.categoryPhrases,
    ...UNIT_PREFIXES.map((prefix) => prefix.name),
    ...[...input.units.values()].map((unit) => withoutPrefix(unit.name)),
  ]
  return new Set(names.flatMap((name) => input.tokens(name).filter((token) => token.includes('_'))))
}

/** "Phường Tân Phong" → "Tân Phong" (core/unit-prefixes.ts). */
function withoutPrefix(name: string): string {
  const lower = name.toLocaleLowerCase('vi')
  const prefix = UNIT_PREFIXES.find((p) => lower.startsWith(`${p.name} `))
  return prefix ? name.slice(prefix.name.length + 1) : name
}

/** Events placed nowhere (no point, no place named) still make an issue; the label says so. */
const NO_PLACE = { vi: 'chưa rõ nơi', en: 'place unknown' }

function label(category: { vi: string; en: string }, phrase: string | null, place: TopicUnit | null): { vi: string; en: string } {
  const where = place ? placeLabel(place.name, place.parentName) : NO_PLACE
  const parts = (lang: 'vi' | 'en') => [category[lang], ...(phrase ? [phrase] : []), ...(where ? [where[lang]] : [])].join(' · ')
  return { vi: parts('vi'), en: parts('en') }
}

const byRank = (a: { total: number; growth: number | null }, b: { total: number; growth: number | null }) => b.total - a.total || (b.growth ?? Infinity) - (a.growth ?? Infinity)
/** By code unit, not by locale: two ids then differ first within `category|place|`, never in the phrase behind it. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The period's issues on their exact counts, most events first, then the larger growth (a new one
 * first), then `category|place|` — the start of `id`, which decides before the phrase does — so the
 * issues kept are those the named list ranks first. At most `limit`.
 */
export function rankIssues(input: RankInput): RankedIssue[] {
  const issues = new Map<string, RankedIssue & { previousSum: number; keyOf: Map<string, IssueKey> }>()
  for (const row of input.counts) {
    const category = categoryOf(row.category)
    const place = placeOf(row.units, input.units)
    const key = groupKey(category, place)
    const issue = issues.get(key) ?? { category, place, counts: { complaints: 0, mentions: 0 }, total: 0, previous: 0, growth: null, keys: [], previousSum: 0, keyOf: new Map() }
    issue.counts[row.kind === 'complaint' ? 'complaints' : 'mentions'] += row.count
    issue.total += row.count
    issue.previousSum += row.previous
    if (row.count > 0) issue.keyOf.set(JSON.stringify([row.category, row.units]), { category: row.category, units: row.units })
    issues.set(key, issue)
  }
  const ranked = [...issues.entries()]
    .filter(([, issue]) => issue.total > 0)
    .map(([key, { previousSum, keyOf, ...issue }]) => {
      const previous = roundOne(previousSum / Math.max(input.previousSpans, 1))
      return { key, issue: { ...issue, previous, growth: previous === 0 ? null : roundOne(issue.total / Math.max(previous, 1)), keys: [...keyOf.values()] } }
    })
  return ranked
    .sort((a, b) => byRank(a.issue, b.issue) || byCodeUnits(a.key, b.key))
    .slice(0, input.limit)
    .map(({ issue }) => issue)
}

/**
 * The ranked issues named: each by the phrase its newest texts share, labelled, with samples and
 * cells from those texts. `texts[i]` are the newest events of `issues[i]`, newest first.
 */
export function nameTopics(issues: readonly RankedIssue[], texts: readonly (readonly IssueText[])[], input: NameInput): Topic[] {
  const excluded = excludedTokens(input)
  const candidates = new Map<IssueText, Candidate[]>()
  const periodFrequency = new Map<string, number>()
  for (const text of texts.flat()) {
    const found = text.text ? phraseCandidates(text.text, input.tokens(text.text), input.words, excluded) : []
    candidates.set(text, found)
    for (const c of found) periodFrequency.set(c.phrase, (periodFrequency.get(c.phrase) ?? 0) + 1)
  }
  const candidatesOf = (text: IssueText) => candidates.get(text) ?? []

  const topics = issues.map((issue, index): Topic => {
    const own = texts[index] ?? []
    const phrase = keyPhrase(own, periodFrequency, candidatesOf)
    const category = input.categories.get(issue.category)
    const names = category?.name ?? { vi: issue.category, en: issue.category }
    return {
      id: `${issue.category}|${issue.place?.code ?? ''}|${phrase ? asciiFold(phrase).toLowerCase() : ''}`,
      label: label(names, phrase, issue.place),
      category: issue.category,
      group: category?.group ?? FALLBACK_CATEGORY,
      place: issue.place ? { code: issue.place.code, level: issue.place.level, name: issue.place.name } : null,
      phrase,
      counts: { ...issue.counts },
      total: issue.total,
      previous: issue.previous,
      growth: issue.growth,
      samples: own.flatMap((e) => (e.text ? [e.text] : [])).slice(0, MAX_SAMPLES).map((text) => maskPersonalData(text)),
      cells: [...new Set(own.flatMap((e) => (e.cell ? [e.cell] : [])))].slice(0, MAX_CELLS),
    }
  })
  return topics.sort((a, b) => byRank(a, b) || byCodeUnits(a.id, b.id))
}
