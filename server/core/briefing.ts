/**
 * The leaders' briefing (BRF-3…BRF-5): the top issues with their change against the previous
 * period, the units ranked by processing speed and by satisfaction, and where social media and the
 * hotline disagree. Pure: the counted rows, the units and the topics come in (server/briefing/).
 */
import { processingFigures, type CountedUnit, type ProcessingFigures } from './performance'
import type { Topic } from './topics'
import type { BriefingPeriod } from './briefing-period'

export interface BriefingUnit {
  code: string
  name: string
  level: string
}

export interface BriefingTopic extends Topic {
  /** total − previous, one decimal: the events more (or fewer) than the previous period's. */
  change: number
}

export interface SpeedRow {
  unit: string
  name: string
  level: string
  received: number
  resolved: number
  median_hours: number | null
  p90_hours: number | null
  on_time_pct: number | null
  overdue: number
  satisfaction: number | null
  ratings: number
  /** 1 = fastest (lowest median); null without a resolved complaint. */
  rank_speed: number | null
  /** 1 = most satisfied; null without a rating. */
  rank_satisfaction: number | null
}

export interface UnitVolume {
  code: string
  mentions: number
  complaints: number
}

export type Direction = 'social_louder' | 'hotline_louder'

export interface DivergenceRow {
  unit: string
  name: string
  level: string
  mentions: number
  complaints: number
  mention_share: number
  complaint_share: number
  /** mention_share − complaint_share: positive where social media is louder than the hotline. */
  score: number
  direction: Direction
}

/**
 * BRF-4: a unit must have this many events (mentions and complaints) in the period, and the scope
 * this many of each layer, before a gap in shares is news: 1 post against 0 calls is not.
 */
export const MIN_UNIT_VOLUME = 10
export const MIN_SCOPE_VOLUME = 10
/** BRF-4: shares closer than five points are the same loudness. */
export const MIN_SHARE_GAP = 0.05

const roundTo = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits
const byCode = (a: { unit: string }, b: { unit: string }) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0)

/** BRF-3: each topic with its change against the previous period (growth as NLP-5 gives it). */
export function withChange(topics: readonly Topic[]): BriefingTopic[] {
  return topics.map((topic) => ({ ...topic, change: roundTo(topic.total - topic.previous, 1) }))
}

/** Ranks 1… by `key` ascending over the rows with a value; ties share the order given (by code). */
function ranks<T extends { unit: string }>(rows: readonly T[], key: (row: T) => number | null, tieBreak: (a: T, b: T) => number): Map<string, number> {
  const ranked = rows.filter((row) => key(row) !== null).sort((a, b) => key(a)! - key(b)! || tieBreak(a, b) || byCode(a, b))
  return new Map(ranked.map((row, i) => [row.unit, i + 1]))
}

/**
 * BRF-3: the scope's units (one level below it) with LIFE-6's figures over the complaints received
 * in the period; ordered by speed rank (fastest first, unranked last by code). Speed: the lower
 * median, then the lower p90, then more on time. Satisfaction: the higher mean, then more ratings.
 */
export function speedRanking(units: readonly BriefingUnit[], counted: readonly CountedUnit[]): SpeedRow[] {
  const found = new Map(counted.map((row) => [row.code, row]))
  const rows = units.map((unit): Omit<SpeedRow, 'rank_speed' | 'rank_satisfaction'> => {
    const row = found.get(unit.code)
    const figures: ProcessingFigures | null = row ? processingFigures(row) : null
    return {
      unit: unit.code,
      name: unit.name,
      level: unit.level,
      received: figures?.received ?? 0,
      resolved: figures?.resolved ?? 0,
      median_hours: figures?.median_hours ?? null,
      p90_hours: figures?.p90_hours ?? null,
      on_time_pct: figures?.on_time_pct ?? null,
      overdue: figures?.overdue ?? 0,
      satisfaction: figures?.satisfaction ?? null,
      ratings: figures?.ratings ?? 0,
    }
  })
  const speed = ranks(rows, (r) => r.median_hours, (a, b) => (a.p90_hours ?? 0) - (b.p90_hours ?? 0) || (b.on_time_pct ?? 0) - (a.on_time_pct ?? 0))
  const satisfaction = ranks(rows, (r) => (r.satisfaction === null ? null : -r.satisfaction), (a, b) => b.ratings - a.ratings)
  return rows
    .map((row) => ({ ...row, rank_speed: speed.get(row.unit) ?? null, rank_satisfaction: satisfaction.get(row.unit) ?? null }))
    .sort((a, b) => (a.rank_speed ?? Infinity) - (b.rank_speed ?? Infinity) || byCode(a, b))
}

/**
 * BRF-4: per unit, its share of the scope's mentions against its share of the scope's complaints.
 * Listed only where the unit and the scope have the volume to say so and the shares differ by
 * MIN_SHARE_GAP or more; the widest gap first.
 */
export function divergence(units: readonly BriefingUnit[], volumes: readonly UnitVolume[]): DivergenceRow[] {
  const found = new Map(volumes.map((v) => [v.code, v]))
  const counted = units.map((unit) => ({ unit, mentions: found.get(unit.code)?.mentions ?? 0, complaints: found.get(unit.code)?.complaints ?? 0 }))
  const totalMentions = counted.reduce((sum, row) => sum + row.mentions, 0)
  const totalComplaints = counted.reduce((sum, row) => sum + row.complaints, 0)
  if (totalMentions < MIN_SCOPE_VOLUME || totalComplaints < MIN_SCOPE_VOLUME) return []
  return counted
    .filter((row) => row.mentions + row.complaints >= MIN_UNIT_VOLUME)
    .map((row): DivergenceRow => {
      const mentionShare = row.mentions / totalMentions
      const complaintShare = row.complaints / totalComplaints
      const score = roundTo(mentionShare - complaintShare, 4)
      return {
        unit: row.unit.code,
        name: row.unit.name,
        level: row.unit.level,
        mentions: row.mentions,
        complaints: row.complaints,
        mention_share: roundTo(mentionShare, 4),
        complaint_share: roundTo(complaintShare, 4),
        score,
        direction: score > 0 ? 'social_louder' : 'hotline_louder',
      }
    })
    .filter((row) => Math.abs(row.score) >= MIN_SHARE_GAP)
    .sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || byCode(a, b))
}

export interface Briefing {
  period: { name: BriefingPeriod['name']; from: string; to: string }
  previous: { from: string; to: string }
  scope: string
  generated_at: string
  top_issues: BriefingTopic[]
  speed: SpeedRow[]
  divergence: DivergenceRow[]
  narrative: { vi: string[]; en: string[] }
}
