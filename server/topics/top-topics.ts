/**
 * The top issues of a scope and period (NLP-5): ranked on exact counts from the minute roll-ups,
 * then only those ranked first are named from their newest texts (core/topics.ts). What GET
 * /api/v1/topics/top answers and the live `topics` event carries.
 */
import type { Taxonomy } from '../core/categories'
import { nameTopics, rankIssues, TOPIC_TEXTS, topicWindows, type Topic, type TopicPeriod, type TopicSpan, type TopicWords } from '../core/topics'
import type { Normaliser } from '../core/vi-normalise'
import { CITY_SCOPE } from '../core/windows'
import type { Queryable } from '../db/database'
import { topicCounts, topicTexts, topicUnits } from '../db/topic-queries'

export interface TopTopicsDeps {
  db: Queryable
  taxonomy: Taxonomy
  normalise: Normaliser
  words: TopicWords
}

export interface TopTopics {
  scope: string
  period: TopicPeriod
  from: string
  to: string
  generated_at: string
  topics: Topic[]
}

/**
 * The top issues of `scope` over any span, with `previous` the spans its growth compares with
 * (their mean count): the one implementation behind the wall's periods (topicWindows) and the
 * briefing's (BRF-3: one previous span of equal length).
 */
export async function topicsOver(deps: TopTopicsDeps, query: { scope: string; current: TopicSpan; previous: readonly TopicSpan[]; limit: number }): Promise<Topic[]> {
  const counts = await topicCounts(deps.db, query.current, query.previous, query.scope === CITY_SCOPE ? null : query.scope)
  const units = await topicUnits(deps.db, [...new Set(counts.flatMap((row) => row.units))])
  const issues = rankIssues({ counts, previousSpans: query.previous.length, units, limit: query.limit })
  const texts = await topicTexts(deps.db, query.current, issues.map((issue) => issue.keys), TOPIC_TEXTS)
  return nameTopics(issues, texts, {
    units,
    categories: new Map(deps.taxonomy.categories.map((c) => [c.code, { group: c.group, name: c.name }])),
    tokens: (text) => deps.normalise(text).tokens,
    words: deps.words,
  })
}

export async function topTopics(deps: TopTopicsDeps, query: { scope: string; period: TopicPeriod; limit: number }, now: Date): Promise<TopTopics> {
  const windows = topicWindows(now, query.period)
  const topics = await topicsOver(deps, { scope: query.scope, current: windows.current, previous: windows.previous, limit: query.limit })
  return { scope: query.scope, period: query.period, from: new Date(windows.current.fromMs).toISOString(), to: now.toISOString(), generated_at: now.toISOString(), topics }
}
