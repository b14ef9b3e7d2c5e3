/**
 * The briefing's top issues (BRF-3) by NLP-5's one implementation — its queries and `rankTopics` —
 * over the briefing's period, compared with the previous period of equal length (one span, so
 * `previous` is that period's count, not an average of days).
 */
import type { Span } from '../core/briefing-period'
import { rankTopics, type Topic } from '../core/topics'
import { CITY_SCOPE } from '../core/windows'
import { topicEvents, topicPreviousCounts, topicUnits } from '../db/topic-queries'
import type { TopTopicsDeps } from '../topics/top-topics'

export async function topicsOver(deps: TopTopicsDeps, query: { scope: string; current: Span; previous: Span; limit: number }): Promise<Topic[]> {
  const scope = query.scope === CITY_SCOPE ? null : query.scope
  const ms = (span: Span) => ({ fromMs: span.from.getTime(), toMs: span.to.getTime() })
  // topics-events takes a closed span; the briefing's is half-open, so its last millisecond is left out.
  const current = ms(query.current)
  const [events, previous] = await Promise.all([topicEvents(deps.db, { fromMs: current.fromMs, toMs: current.toMs - 1 }, scope), topicPreviousCounts(deps.db, [ms(query.previous)], scope)])
  const units = await topicUnits(deps.db, [...new Set([...events, ...previous].flatMap((row) => row.units))])
  return rankTopics({
    events,
    previous,
    previousSpans: 1,
    units,
    categories: new Map(deps.taxonomy.categories.map((c) => [c.code, { group: c.group, name: c.name }])),
    tokens: (text) => deps.normalise(text).tokens,
    words: deps.words,
    limit: query.limit,
  })
}
