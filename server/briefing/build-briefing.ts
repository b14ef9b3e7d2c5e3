/**
 * The leaders' briefing (BRF-*), asked of the database and put together by the pure rules of
 * core/briefing*.ts: what GET /api/v1/briefing answers as JSON or CSV and the /briefing page shows.
 */
import { divergence, speedRanking, withChange, type Briefing } from '../core/briefing'
import { narrative } from '../core/briefing-narrative'
import type { BriefingQuery, Span } from '../core/briefing-period'
import type { CountedUnit } from '../core/performance'
import { CITY_SCOPE } from '../core/windows'
import { briefingUnits, unitVolumes } from '../db/briefing-queries'
import { countUnits } from '../db/performance-queries'
import { topicUnits } from '../db/topic-queries'
import { topicsOver, type TopTopicsDeps } from '../topics/top-topics'

export const TOP_ISSUES = 10

const span = (s: Span) => ({ fromMs: s.from.getTime(), toMs: s.to.getTime() })

export async function buildBriefing(deps: TopTopicsDeps & { timeZone: string }, query: Pick<BriefingQuery, 'period' | 'scope'>, now: Date): Promise<Briefing> {
  const { period, scope } = query
  const units = await briefingUnits(deps.db, scope)
  const levels = [...new Set(units.map((u) => u.level))]
  const [topics, counted, volumes, scopeUnit] = await Promise.all([
    topicsOver(deps, { scope, current: span(period), previous: [span(period.previous)], limit: TOP_ISSUES }),
    // One count per level of the scope's units (usually one level); units-performance lists all of a level, the ranking keeps the scope's.
    Promise.all(levels.map((level) => countUnits(deps.db, { level, from: period.from, to: period.to, codes: null }, now))).then((rows): CountedUnit[] => rows.flat()),
    unitVolumes(deps.db, period, units.map((u) => u.code)),
    scope === CITY_SCOPE ? Promise.resolve(null) : topicUnits(deps.db, [scope]).then((found) => found.get(scope) ?? null),
  ])
  const topIssues = withChange(topics)
  const places = await topicUnits(deps.db, [...new Set(topIssues.flatMap((t) => (t.place ? [t.place.code] : [])))])
  const parents = new Map([...places.values()].flatMap((unit) => (unit.parentName ? [[unit.code, unit.parentName] as const] : [])))
  const speed = speedRanking(units, counted)
  const divergent = divergence(units, volumes)
  return {
    period: { name: period.name, from: period.from.toISOString(), to: period.to.toISOString() },
    previous: { from: period.previous.from.toISOString(), to: period.previous.to.toISOString() },
    scope,
    generated_at: now.toISOString(),
    top_issues: topIssues,
    speed,
    divergence: divergent,
    narrative: narrative({
      period,
      scopeName: scopeUnit?.name ?? null,
      topIssues,
      speed,
      divergence: divergent,
      parents,
      categories: new Map(deps.taxonomy.categories.map((c) => [c.code, c.name])),
      timeZone: deps.timeZone,
    }),
  }
}
