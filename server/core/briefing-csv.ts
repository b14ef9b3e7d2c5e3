/**
 * The briefing as one CSV file (BRF-6): a row per top issue, unit of the speed ranking, unit of
 * the divergence list and narrative sentence, told apart by the first column `section`, under one
 * header. Numbers machine-readable (dot decimal, no thousands separator); UTF-8 with a byte order
 * mark so Excel reads the Vietnamese. Pure.
 */
import type { Briefing } from './briefing'
import { writeCsv, type CsvValue } from './csv'

export const BRIEFING_CSV_COLUMNS = [
  'section', 'rank', 'id', 'name', 'level', 'category',
  'complaints', 'mentions', 'total', 'previous', 'change', 'growth',
  'received', 'resolved', 'median_hours', 'p90_hours', 'on_time_pct', 'overdue', 'satisfaction', 'ratings', 'rank_speed', 'rank_satisfaction',
  'mention_share', 'complaint_share', 'score', 'direction', 'text',
] as const
type Column = (typeof BRIEFING_CSV_COLUMNS)[number]

const BOM = '\uFEFF'

export function briefingCsv(briefing: Briefing): string {
  const row = (values: Partial<Record<Column, CsvValue>>) => BRIEFING_CSV_COLUMNS.map((column) => values[column])
  const rows: CsvValue[][] = [
    [...BRIEFING_CSV_COLUMNS],
    row({ section: 'period', id: briefing.scope, name: briefing.period.name, text: `${briefing.period.from}/${briefing.period.to}` }),
    row({ section: 'previous', id: briefing.scope, text: `${briefing.previous.from}/${briefing.previous.to}` }),
    ...briefing.top_issues.map((t, i) =>
      row({ section: 'top_issue', rank: i + 1, id: t.id, name: t.label.vi, level: t.place?.level, category: t.category, complaints: t.counts.complaints, mentions: t.counts.mentions, total: t.total, previous: t.previous, change: t.change, growth: t.growth, text: t.label.en }),
    ),
    ...briefing.speed.map((s) =>
      row({ section: 'speed', rank: s.rank_speed, id: s.unit, name: s.name, level: s.level, received: s.received, resolved: s.resolved, median_hours: s.median_hours, p90_hours: s.p90_hours, on_time_pct: s.on_time_pct, overdue: s.overdue, satisfaction: s.satisfaction, ratings: s.ratings, rank_speed: s.rank_speed, rank_satisfaction: s.rank_satisfaction }),
    ),
    ...briefing.divergence.map((d, i) =>
      row({ section: 'divergence', rank: i + 1, id: d.unit, name: d.name, level: d.level, complaints: d.complaints, mentions: d.mentions, mention_share: d.mention_share, complaint_share: d.complaint_share, score: d.score, direction: d.direction }),
    ),
    ...briefing.narrative.vi.map((text, i) => row({ section: 'narrative_vi', rank: i + 1, text })),
    ...briefing.narrative.en.map((text, i) => row({ section: 'narrative_en', rank: i + 1, text })),
  ]
  return BOM + writeCsv(rows)
}
