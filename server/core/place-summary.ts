/** A place's figures as the console shows them beside its list (CON-6). Pure. */
import { cellToChildren } from 'h3-js'
import type { Place, TimeRange } from './console-query'
import { FINEST_RESOLUTION } from './h3'
import { speedFigures, type CountedSpeed, type SpeedFigures } from './performance'

/** The r9 cells a place covers, as roll-ups and complaints store them; null for a unit. */
export function finestCellsOf(place: Place): string[] | null {
  if (place.kind === 'unit') return null
  return place.res === FINEST_RESOLUTION ? [place.cell] : cellToChildren(place.cell, FINEST_RESOLUTION)
}

export interface CountedPlace extends CountedSpeed {
  complaints: number
  mentions: number
  open: number
  overdue: number
}

export interface PlaceSummary extends SpeedFigures {
  place: { kind: 'unit' | 'cell'; code: string; name?: string; level?: string }
  window: { from: string; to: string }
  counts: { complaints: number; mentions: number }
  open: number
  overdue: number
  ratings: number
}

export function placeSummary(place: Place, unit: { name: string; level: string } | null, range: TimeRange, counted: CountedPlace): PlaceSummary {
  const speed = speedFigures(counted)
  return {
    place: place.kind === 'unit' ? { kind: 'unit', code: place.code, ...(unit ? { name: unit.name, level: unit.level } : {}) } : { kind: 'cell', code: place.cell },
    window: { from: range.from.toISOString(), to: range.to.toISOString() },
    counts: { complaints: counted.complaints, mentions: counted.mentions },
    open: counted.open,
    overdue: counted.overdue,
    median_hours: speed.median_hours,
    p90_hours: speed.p90_hours,
    on_time_pct: speed.on_time_pct,
    satisfaction: speed.satisfaction,
    ratings: counted.ratings,
  }
}
