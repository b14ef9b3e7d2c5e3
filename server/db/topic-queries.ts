/** What topics are ranked and named from (NLP-5): exact counts, the top issues' newest texts, the units' names. */
import type { EventKind } from '../core/event'
import type { IssueKey, IssueText, TopicCount, TopicSpan, TopicUnit } from '../core/topics'
import type { Queryable } from './database'
import { namedQuery } from './queries'

const iso = (ms: number) => new Date(ms).toISOString()

/** Per category × units × layer, in `current` and over all of `previous` (rollup_minute). `scope` null is the city. */
export async function topicCounts(db: Queryable, current: TopicSpan, previous: readonly TopicSpan[], scope: string | null): Promise<TopicCount[]> {
  const spans = [current, ...previous]
  const { rows } = await db.query<{ category: string; units: string[]; kind: EventKind; count: number; previous: number }>(namedQuery('topics-counts'), [
    spans.map((s) => iso(s.fromMs)),
    spans.map((s) => iso(s.toMs)),
    scope,
  ])
  return rows.map((row) => ({ category: row.category, units: row.units, kind: row.kind, count: Number(row.count), previous: Number(row.previous) }))
}

/** The newest events (at most `perIssue`) of each issue in `span`, by its keys: `result[i]` for `keys[i]`, newest first. */
export async function topicTexts(db: Queryable, span: TopicSpan, keys: readonly (readonly IssueKey[])[], perIssue: number): Promise<IssueText[][]> {
  const texts: IssueText[][] = keys.map(() => [])
  const wanted = keys.flatMap((issueKeys, issue) => issueKeys.map((key) => ({ issue, category: key.category, units: key.units })))
  if (wanted.length === 0) return texts
  const { rows } = await db.query<{ issue: number; cell_r8: string | null; text: string | null }>(namedQuery('topics-texts'), [iso(span.fromMs), iso(span.toMs), JSON.stringify(wanted), perIssue])
  for (const row of rows) texts[Number(row.issue)]?.push({ text: row.text, cell: row.cell_r8 })
  return texts
}

export async function topicUnits(db: Queryable, codes: readonly string[]): Promise<Map<string, TopicUnit>> {
  const { rows } = await db.query<TopicUnit & { parent_name: string | null }>(namedQuery('topics-units'), [[...codes]])
  return new Map(rows.map((row) => [row.code, { code: row.code, level: row.level, name: row.name, parentName: row.parent_name }]))
}
