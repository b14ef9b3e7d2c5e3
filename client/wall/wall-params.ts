/**
 * What the wall shows, from its URL — e.g. /wall?scope=760&layers=complaints,mentions&window=24h.
 * Every parameter has a default, so a bare /wall is the whole city, both layers side by side.
 *
 *   scope     city | a boundary code (district or ward)          default city
 *   layers    complaints,mentions (comma list)                    default both
 *   layout    split (one map per layer) | single (one at a time)  default split when 2 layers
 *   window    1h | 24h | 7d                                       default 24h
 *   rotate    playlist interval in seconds, 0 = no rotation       default 30 (min 5, max 3600)
 *   playlist  overview,units,top,performance (steps, in order)    default all four
 *   units     how many units (districts…) the playlist visits     default 8 (1–50)
 *   extrude   1 = 3D columns with pitch                          default 0
 *   overdue   0 hides the overdue layer (the legend toggles it)  default 1
 *   lang      vi | en                                             default vi
 *   basemap   an operator's own maplibre style URL               default offline style
 */
import { z } from 'zod'
import { LAYERS, WINDOWS } from '../../server/core/protocol'

export const PLAYLIST_STEPS = ['overview', 'units', 'top', 'performance'] as const
export type PlaylistStepKind = (typeof PLAYLIST_STEPS)[number]

/*
 * An unattended screen must show something: every parameter falls back to its default (`catch`)
 * instead of failing, so the schema below never throws.
 */

/** The known values of a comma list, in the URL's order; unknown ones are ignored. */
const knownItems = <T extends string>(values: readonly T[]) =>
  z.string().transform((list) => list.split(',').map((item) => item.trim()).filter((item): item is T => (values as readonly string[]).includes(item)))

/** A whole number, rounded and clamped into [min, max]; blank or unreadable is the default. */
const clampedInt = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .pipe(z.coerce.number())
    .transform((n) => Math.min(max, Math.max(min, Math.round(n))))
    .catch(fallback)

const wallQuery = z.object({
  scope: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}_.-]{1,40}$/u)
    .catch('city'),
  /** Always in canonical order, each once. */
  layers: knownItems(LAYERS)
    .transform((chosen) => LAYERS.filter((layer) => chosen.includes(layer)))
    .refine((layers) => layers.length > 0)
    .catch(() => [...LAYERS]),
  layout: z.literal('single').nullable().catch(null),
  window: z.enum(WINDOWS).catch('24h'),
  /** 0 (any spelling Number reads as 0) stops the rotation. */
  rotate: z.union([
    z
      .string()
      .pipe(z.coerce.number())
      .pipe(z.literal(0))
      .transform(() => 0),
    clampedInt(30, 5, 3_600),
  ]),
  /** Steps in the URL's order, repeats kept. */
  playlist: knownItems(PLAYLIST_STEPS)
    .refine((steps) => steps.length > 0)
    .catch(() => [...PLAYLIST_STEPS]),
  units: clampedInt(8, 1, 50),
  extrude: z
    .enum(['1', 'true'])
    .transform(() => true)
    .catch(false),
  overdue: z
    .enum(['0', 'false'])
    .transform(() => false)
    .catch(true),
  basemap: z.string().nullable().catch(null),
})

const wallParamsSchema = wallQuery.transform((q) => ({
  scope: q.scope,
  layers: q.layers,
  layout: q.layout === 'single' || q.layers.length === 1 ? ('single' as const) : ('split' as const),
  window: q.window,
  rotateSeconds: q.rotate,
  playlist: q.playlist,
  units: q.units,
  extrude: q.extrude,
  overdue: q.overdue,
  basemap: q.basemap,
}))

export type WallParams = z.output<typeof wallParamsSchema>

const PARAMETERS = Object.keys(wallQuery.shape)

export function parseWallParams(search: string): WallParams {
  const query = new URLSearchParams(search)
  // The first value of each parameter, null when absent (as URLSearchParams.get answers).
  return wallParamsSchema.parse(Object.fromEntries(PARAMETERS.map((name) => [name, query.get(name)])))
}
