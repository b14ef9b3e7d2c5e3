/**
 * What the wall shows, from its URL — e.g. /wall?scope=760&layers=complaints,mentions&window=24h.
 * Every parameter has a default, so a bare /wall is the whole city, both layers side by side.
 *
 *   scope     city | a boundary code (district or ward)          default city
 *   layers    complaints,mentions (comma list)                    default both
 *   layout    split (one map per layer) | single (one at a time)  default split when 2 layers
 *   window    1h | 24h | 7d                                       default 24h
 *   rotate    playlist interval in seconds, 0 = no rotation       default 30 (min 5, max 3600)
 *   playlist  overview,units,top (steps, in order)                default all three
 *   units     how many units (districts…) the playlist visits     default 8 (1–50)
 *   extrude   1 = 3D columns with pitch                          default 0
 *   lang      vi | en                                             default vi
 *   basemap   an operator's own maplibre style URL               default offline style
 */
import { LAYERS, WINDOWS, type Layer, type WindowName } from '../../server/core/protocol'

export const PLAYLIST_STEPS = ['overview', 'units', 'top'] as const
export type PlaylistStepKind = (typeof PLAYLIST_STEPS)[number]

export interface WallParams {
  scope: string
  layers: Layer[]
  layout: 'split' | 'single'
  window: WindowName
  rotateSeconds: number
  playlist: PlaylistStepKind[]
  units: number
  extrude: boolean
  basemap: string | null
}

function clampInt(raw: string | null, fallback: number, min: number, max: number): number {
  if (raw === null || raw.trim() === '') return fallback
  const n = Number(raw)
  if (!Number.isFinite(n)) return fallback
  return Math.min(max, Math.max(min, Math.round(n)))
}

export function parseWallParams(search: string): WallParams {
  const q = new URLSearchParams(search)
  const scopeRaw = (q.get('scope') ?? '').trim()
  const scope = /^[\p{L}\p{N}_.-]{1,40}$/u.test(scopeRaw) ? scopeRaw : 'city'
  const layersRaw = (q.get('layers') ?? '').split(',').map((s) => s.trim())
  const layers = LAYERS.filter((l) => layersRaw.includes(l))
  const chosen = layers.length > 0 ? layers : [...LAYERS]
  const windowRaw = q.get('window')
  const window = (WINDOWS as readonly string[]).includes(windowRaw ?? '') ? (windowRaw as WindowName) : '24h'
  const layout = q.get('layout') === 'single' || chosen.length === 1 ? 'single' : 'split'
  const rotateRaw = q.get('rotate')
  const rotateSeconds = rotateRaw !== null && Number(rotateRaw) === 0 ? 0 : clampInt(rotateRaw, 30, 5, 3_600)
  const stepsRaw = (q.get('playlist') ?? '').split(',').map((s) => s.trim())
  const steps = PLAYLIST_STEPS.filter((s) => stepsRaw.includes(s))
  return {
    scope,
    layers: chosen,
    layout,
    window,
    rotateSeconds,
    playlist: steps.length > 0 ? stepsRaw.filter((s): s is PlaylistStepKind => (PLAYLIST_STEPS as readonly string[]).includes(s)) : [...PLAYLIST_STEPS],
    units: clampInt(q.get('units'), 8, 1, 50),
    extrude: q.get('extrude') === '1' || q.get('extrude') === 'true',
    basemap: q.get('basemap'),
  }
}
