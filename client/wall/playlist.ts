/**
 * The unattended rotation: city (or scope) overview → each unit's hottest cells → top issues →
 * how fast the scope's units handle complaints.
 * Pure: which steps exist and which comes next; the page runs the timer.
 */
import type { Bbox } from '../map/geo'
import type { PlaylistStepKind } from './wall-params'

export type PlaylistStep =
  | { kind: 'overview'; bbox: Bbox | null }
  | { kind: 'unit'; code: string; name: string; bbox: Bbox }
  | { kind: 'top' | 'performance'; bbox: Bbox | null }

export interface RankedUnit {
  code: string
  name: string
  bbox: Bbox
  /** Events in the unit in the current window (the server's unit totals), used to visit the hottest first. */
  total: number
}

export function buildPlaylist(kinds: readonly PlaylistStepKind[], scopeBbox: Bbox | null, units: readonly RankedUnit[], maxUnits: number): PlaylistStep[] {
  const steps: PlaylistStep[] = []
  for (const kind of kinds) {
    if (kind === 'overview') steps.push({ kind: 'overview', bbox: scopeBbox })
    else if (kind === 'top' || kind === 'performance') steps.push({ kind, bbox: scopeBbox })
    else {
      const hottest = [...units]
        .filter((u) => u.total > 0)
        .sort((a, b) => b.total - a.total || a.code.localeCompare(b.code))
        .slice(0, maxUnits)
      for (const u of hottest) steps.push({ kind: 'unit', code: u.code, name: u.name, bbox: u.bbox })
    }
  }
  if (steps.length === 0) steps.push({ kind: 'overview', bbox: scopeBbox })
  return steps
}

/** Index of the step after `index` (wraps). */
export function nextIndex(index: number, length: number): number {
  return length <= 0 ? 0 : (index + 1) % length
}
