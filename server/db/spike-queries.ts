/** The counts spike alerts compare (NLP-6), from rollup_minute in one round trip for all places. */
import type { EventKind } from '../core/event'
import type { SpikeObservation, Span } from '../core/spikes'
import { layerOfKind } from '../core/windows'
import type { Queryable } from './database'
import { namedQuery } from './queries'

const SPIKE_BASELINE = namedQuery('spike-baseline')

interface Row {
  code: string
  name: string
  level: string
  parent_name: string | null
  within: string[]
  kind: EventKind
  category: string
  count: number
  past_total: number
}

/** Units of `levels` with events in `current`, with their events in `current` and summed over `past`. */
export async function spikeCounts(db: Queryable, windows: { current: Span; past: readonly Span[] }, levels: readonly string[]): Promise<SpikeObservation[]> {
  const spans = [windows.current, ...windows.past]
  const iso = (ms: number) => new Date(ms).toISOString()
  const { rows } = await db.query<Row>(SPIKE_BASELINE, [spans.map((s) => iso(s.fromMs)), spans.map((s) => iso(s.toMs)), [...levels]])
  return rows.map((row) => ({
    place: { kind: 'unit', code: row.code, name: row.name, level: row.level, ...(row.parent_name ? { parentName: row.parent_name } : {}), within: row.within },
    layer: layerOfKind(row.kind),
    category: row.category,
    count: Number(row.count),
    pastTotal: Number(row.past_total),
  }))
}
