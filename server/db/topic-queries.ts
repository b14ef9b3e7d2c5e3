/** What topics are grouped from (NLP-5): the period's events, the previous counts and the units' names. */
import type { EventKind } from '../core/event'
import type { PreviousCount, TopicEvent, TopicSpan, TopicUnit } from '../core/topics'
import type { Queryable } from './database'
import { namedQuery } from './queries'

/** Enough for a day of a storm city-wide; older events of a busier period are left out, newest kept. */
export const MAX_TOPIC_EVENTS = 5_000

const iso = (ms: number) => new Date(ms).toISOString()

/** `scope` null is the city. */
export async function topicEvents(db: Queryable, span: TopicSpan, scope: string | null, limit = MAX_TOPIC_EVENTS): Promise<TopicEvent[]> {
  const { rows } = await db.query<{ kind: EventKind; category: string | null; units: string[]; cell_r8: string | null; text: string | null; occurred_ms: number }>(namedQuery('topics-events'), [
    iso(span.fromMs),
    iso(span.toMs),
    scope,
    limit,
  ])
  return rows.map((row) => ({ kind: row.kind, category: row.category, units: row.units, cell: row.cell_r8, text: row.text, occurredAt: iso(Number(row.occurred_ms)) }))
}

export async function topicPreviousCounts(db: Queryable, spans: readonly TopicSpan[], scope: string | null): Promise<PreviousCount[]> {
  const { rows } = await db.query<{ category: string; units: string[]; count: number }>(namedQuery('topics-previous'), [spans.map((s) => iso(s.fromMs)), spans.map((s) => iso(s.toMs)), scope])
  return rows.map((row) => ({ category: row.category, units: row.units, count: Number(row.count) }))
}

export async function topicUnits(db: Queryable, codes: readonly string[]): Promise<Map<string, TopicUnit>> {
  const { rows } = await db.query<TopicUnit>(namedQuery('topics-units'), [[...codes]])
  return new Map(rows.map((row) => [row.code, { code: row.code, level: row.level, name: row.name }]))
}
