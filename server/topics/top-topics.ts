/**
 * The top issues of a scope and period (NLP-5), asked of the database and ranked by the pure rule
 * (core/topics.ts): what GET /api/v1/topics/top answers and the live `topics` event carries.
 */
import type { Taxonomy } from '../core/categories'
import { rankTopics, topicWindows, type Topic, type TopicPeriod, type TopicWords } from '../core/topics'
import type { Normaliser } from '../core/vi-normalise'
import { CITY_SCOPE } from '../core/windows'
import type { Queryable } from '../db/database'
import { topicEvents, topicPreviousCounts, topicUnits } from '../db/topic-queries'

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
  const scope = query.scope === CITY_SCOPE ? null : query.scope
  const [events, previous] = await Promise.all([topicEvents(deps.db, windows.current, scope), topicPreviousCounts(deps.db, windows.previous, scope)])
  const units = await topicUnits(deps.db, [...new Set([...events, ...previous].flatMap((row) => row.units))])
  const topics = rankTopics({
    events,
    previous,
    previousSpans: windows.previous.length,
    units,
    categories: new Map(deps.taxonomy.categories.map((c) => [c.code, { group: c.group, name: c.name }])),
    tokens: (text) => deps.normalise(text).tokens,
    words: deps.words,
    limit: query.limit,
  })
  return { scope: query.scope, period: query.period, from: new Date(windows.current.fromMs).toISOString(), to: now.toISOString(), generated_at: now.toISOString(), topics }
}
