/** What the briefing counts besides topics and speed (BRF-3, BRF-4): the scope's units and their volumes. */
import type { BriefingUnit, UnitVolume } from '../core/briefing'
import type { Span } from '../core/briefing-period'
import type { Queryable } from './database'
import { namedQuery } from './queries'

export async function briefingUnits(db: Queryable, scope: string): Promise<BriefingUnit[]> {
  const { rows } = await db.query<BriefingUnit>(namedQuery('briefing-units'), [scope])
  return rows.map((row) => ({ code: row.code, name: row.name, level: row.level }))
}

export async function unitVolumes(db: Queryable, span: Span, codes: readonly string[]): Promise<UnitVolume[]> {
  if (codes.length === 0) return []
  const { rows } = await db.query<UnitVolume>(namedQuery('briefing-volumes'), [span.from.toISOString(), span.to.toISOString(), [...codes]])
  return rows.map((row) => ({ code: row.code, complaints: Number(row.complaints), mentions: Number(row.mentions) }))
}
