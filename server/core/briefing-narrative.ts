/**
 * The briefing's narrative (BRF-5): a few sentences in Vietnamese and English, each written from
 * the figures by one rule — never by hand — so the words always agree with the tables. Numbers are
 * written per language (1.234,5 / 1,234.5). Pure.
 */
import type { BriefingTopic, DivergenceRow, SpeedRow } from './briefing'
import type { BriefingPeriod } from './briefing-period'
import { placeLabel, unitLabel } from './unit-label'

/** BRF-5 rise: an issue at least this many times its previous count, with at least MIN_RISE_EVENTS events. */
export const RISE_RATIO = 1.5
export const MIN_RISE_EVENTS = 5
/** BRF-5 slowest and least satisfied: named only when at least this many units are ranked. */
export const MIN_RANKED_UNITS = 2

type Lang = 'vi' | 'en'
const NUMBER: Record<Lang, Intl.NumberFormat> = { vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }) }
const num = (lang: Lang, n: number) => NUMBER[lang].format(n)
const pct = (lang: Lang, share: number) => `${num(lang, Math.round(share * 1000) / 10)}%`

export interface NarrativeInput {
  period: Pick<BriefingPeriod, 'name' | 'from' | 'to'>
  /** The scope's full name, null for the city. */
  scopeName: string | null
  topIssues: readonly BriefingTopic[]
  speed: readonly SpeedRow[]
  divergence: readonly DivergenceRow[]
  /** The name of the unit holding each top issue's place, by the place's code: "Phường 12" alone is a dozen places. */
  parents: ReadonlyMap<string, string>
  /** The category names, by code. */
  categories: ReadonlyMap<string, { vi: string; en: string }>
  timeZone: string
}

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase('vi') + text.slice(1)
const placeName = (name: string, lang: Lang) => (lang === 'vi' ? name : unitLabel(name).en)

/** "Hôm nay" / "Today"; a custom range by its local dates, `to` being exclusive. */
export function periodWords(period: NarrativeInput['period'], timeZone: string): Record<Lang, string> {
  const date = (at: Date) => new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(at)
  const words: Record<Exclude<BriefingPeriod['name'], 'custom'>, Record<Lang, string>> = {
    today: { vi: 'Hôm nay', en: 'Today' },
    yesterday: { vi: 'Hôm qua', en: 'Yesterday' },
    this_week: { vi: 'Tuần này', en: 'This week' },
    last_week: { vi: 'Tuần trước', en: 'Last week' },
  }
  if (period.name !== 'custom') return words[period.name]
  const from = date(period.from)
  const to = date(new Date(period.to.getTime() - 1))
  if (from === to) return { vi: `Ngày ${from}`, en: `On ${from}` }
  return { vi: `Từ ${from} đến ${to}`, en: `From ${from} to ${to}` }
}

type Sentence = Record<Lang, string>

/** BRF-5 top: the period's first issue and its volume. */
function topSentence(when: Sentence, topic: BriefingTopic): Sentence {
  return {
    vi: `${when.vi}, vấn đề nổi bật nhất là ${topic.label.vi} (${num('vi', topic.total)} phản ánh và bài đăng).`,
    en: `${when.en}, the top issue is ${topic.label.en} (${num('en', topic.total)} complaints and posts).`,
  }
}

/** BRF-5 rise: the issue that grew most, if it grew RISE_RATIO times on MIN_RISE_EVENTS events. */
function riseClause(when: Sentence, topics: readonly BriefingTopic[], categories: NarrativeInput['categories'], parents: NarrativeInput['parents']): Sentence | null {
  const rising = topics.filter((t) => t.growth !== null && t.growth >= RISE_RATIO && t.total >= MIN_RISE_EVENTS).sort((a, b) => b.growth! - a.growth! || b.total - a.total)[0]
  if (!rising) return null
  const category = categories.get(rising.category) ?? { vi: rising.category, en: rising.category }
  const place = rising.place
  const parent = place ? parents.get(place.code) : undefined
  const where = (lang: Lang) => (!place ? '' : lang === 'vi' ? ` ở ${place.name}${parent ? `, ${parent}` : ''}` : ` in ${placeLabel(place.name, parent).en}`)
  return {
    vi: `${when.vi} phản ánh ${lowerFirst(category.vi)} tăng ${num('vi', rising.growth!)} lần${where('vi')}`,
    en: `${when.en} ${lowerFirst(category.en)} reports rose ${num('en', rising.growth!)} times${where('en')}`,
  }
}

const ranked = <K extends 'rank_speed' | 'rank_satisfaction'>(rows: readonly SpeedRow[], key: K) => rows.filter((r) => r[key] !== null).sort((a, b) => a[key]! - b[key]!)

/** BRF-5 slowest: the unit ranked last by speed, when MIN_RANKED_UNITS are ranked. */
function slowestClause(speed: readonly SpeedRow[]): Sentence | null {
  const rows = ranked(speed, 'rank_speed')
  const slowest = rows.at(-1)
  if (rows.length < MIN_RANKED_UNITS || !slowest) return null
  return {
    vi: `${slowest.name} xử lý chậm nhất (trung vị ${num('vi', slowest.median_hours!)} giờ)`,
    en: `${placeName(slowest.name, 'en')} was the slowest to resolve (median ${num('en', slowest.median_hours!)} hours)`,
  }
}

/** BRF-5 overdue: the unit with most overdue complaints among those received in the period. */
function overdueSentence(speed: readonly SpeedRow[]): Sentence | null {
  const worst = [...speed].sort((a, b) => b.overdue - a.overdue || a.unit.localeCompare(b.unit))[0]
  if (!worst || worst.overdue === 0) return null
  return {
    vi: `${worst.name} có nhiều phản ánh quá hạn nhất (${num('vi', worst.overdue)}).`,
    en: `${placeName(worst.name, 'en')} has the most overdue complaints (${num('en', worst.overdue)}).`,
  }
}

/** BRF-5 satisfaction: the unit ranked last, when MIN_RANKED_UNITS are rated. */
function satisfactionSentence(speed: readonly SpeedRow[]): Sentence | null {
  const rows = ranked(speed, 'rank_satisfaction')
  const lowest = rows.at(-1)
  if (rows.length < MIN_RANKED_UNITS || !lowest) return null
  return {
    vi: `${lowest.name} có mức hài lòng thấp nhất (${num('vi', Math.round(lowest.satisfaction! * 10) / 10)}/5 từ ${num('vi', lowest.ratings)} đánh giá).`,
    en: `${placeName(lowest.name, 'en')} has the lowest satisfaction (${num('en', Math.round(lowest.satisfaction! * 10) / 10)}/5 from ${num('en', lowest.ratings)} ratings).`,
  }
}

/** BRF-5 divergence: the widest gap of each direction. */
function divergenceSentences(rows: readonly DivergenceRow[]): Sentence[] {
  const social = rows.find((r) => r.direction === 'social_louder')
  const hotline = rows.find((r) => r.direction === 'hotline_louder')
  const out: Sentence[] = []
  if (social)
    out.push({
      vi: `Ở ${social.name}, mạng xã hội lên tiếng nhiều hơn đường dây nóng (${pct('vi', social.mention_share)} bài đăng so với ${pct('vi', social.complaint_share)} phản ánh).`,
      en: `In ${placeName(social.name, 'en')}, social media is louder than the hotline (${pct('en', social.mention_share)} of posts against ${pct('en', social.complaint_share)} of complaints).`,
    })
  if (hotline)
    out.push({
      vi: `Ở ${hotline.name}, đường dây nóng nhận nhiều hơn mạng xã hội nói (${pct('vi', hotline.complaint_share)} phản ánh so với ${pct('vi', hotline.mention_share)} bài đăng).`,
      en: `In ${placeName(hotline.name, 'en')}, the hotline hears more than social media says (${pct('en', hotline.complaint_share)} of complaints against ${pct('en', hotline.mention_share)} of posts).`,
    })
  return out
}

/** BRF-5: the sentences, in order: top issue; rise and slowest (one sentence, as a leader reads it); overdue; satisfaction; divergence. A quiet period says so and no more. */
export function narrative(input: NarrativeInput): { vi: string[]; en: string[] } {
  const when = periodWords(input.period, input.timeZone)
  const top = input.topIssues[0]
  if (!top) {
    const where = input.scopeName ? { vi: ` ở ${input.scopeName}`, en: ` in ${placeName(input.scopeName, 'en')}` } : { vi: '', en: '' }
    return { vi: [`${when.vi} không có phản ánh hay bài đăng nào${where.vi}.`], en: [`${when.en} there were no complaints or posts${where.en}.`] }
  }
  const sentences: Sentence[] = [topSentence(when, top)]
  const clauses = [riseClause(when, input.topIssues, input.categories, input.parents), slowestClause(input.speed)].filter((c): c is Sentence => c !== null)
  if (clauses.length > 0) {
    const join = (lang: Lang) => {
      const text = clauses.map((c) => c[lang]).join('; ')
      return `${text.charAt(0).toLocaleUpperCase(lang)}${text.slice(1)}.`
    }
    sentences.push({ vi: join('vi'), en: join('en') })
  }
  for (const sentence of [overdueSentence(input.speed), satisfactionSentence(input.speed), ...divergenceSentences(input.divergence)]) if (sentence) sentences.push(sentence)
  return { vi: sentences.map((s) => s.vi), en: sentences.map((s) => s.en) }
}
