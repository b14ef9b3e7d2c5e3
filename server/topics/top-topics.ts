/**
 * The top issues of a scope and period (NLP-5): ranked on exact counts from the minute roll-ups,
 * then only those ranked first are named from their newest texts (core/topics.ts). What GET
 * /api/v1/topics/top answers and the live `topics` event carries.
 */
import type { Taxonomy } from '../core/categories'
import { nameTopics, rankIssues, TOPIC_TEXTS, topicWindows, type Topic, type TopicPeriod, type TopicWords } from '../core/topics'
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

export async function topTopics(deps: TopTopicsDeps, query: { scope: string; period: TopicPeriod; limit: number }, now: Date): Promise<TopTopics> {
  const windows = topicWindows(now, query.period)
  const counts = await topicCounts(deps.db, windows.current, windows.previous, query.scope === CITY_SCOPE ? null : query.scope)
  const units = await topicUnits(deps.db, [...new Set(counts.flatMap((row) => row.units))])
  const issues = rankIssues({ counts, previousSpans: windows.previous.length, units, limit: query.limit })
  const texts = await topicTexts(deps.db, windows.current, issues.map((issue) => issue.keys), TOPIC_TEXTS)
  const topics = nameTopics(issues, texts, {
    units,
    categories: new Map(deps.taxonomy.categories.map((c) => [c.code, { group: c.group, name: c.name }])),
    tokens: (text) => deps.normalise(text).tokens,
    words: deps.words,
  })
  return { scope: query.scope, period: query.period, from: new Date(windows.current.fromMs).toISOString(), to: now.toISOString(), generated_at: now.toISOString(), topics }
}
