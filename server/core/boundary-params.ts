/** Query parameters of the boundary routes, parsed purely so each limit is unit-tested. */
import { badRequest } from './errors'
import { LEVEL_PATTERN } from './boundary-features'

export const ZOOM = { min: 0, max: 22, default: 12 } as const

/** `level` is required: a wall always draws one level at a time. */
export function parseLevel(raw: unknown): string {
  if (raw === undefined || raw === '') throw badRequest('level', 'level is required, e.g. level=district — GET /api/v1/boundaries/levels lists them')
  if (typeof raw !== 'string' || !LEVEL_PATTERN.test(raw)) {
    throw badRequest('level', 'level must be lower-case letters, digits, - or _ (e.g. district, ward)')
  }
  return raw
}

/** Map zoom (fractional allowed, as maplibre reports it); absent → a whole-city view. */
export function parseZoom(raw: unknown): number {
  if (raw === undefined || raw === '') return ZOOM.default
  const zoom = typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN
  if (!(zoom >= ZOOM.min && zoom <= ZOOM.max)) throw badRequest('zoom', `zoom must be a number in [${ZOOM.min}, ${ZOOM.max}]`)
  return zoom
}

/**
 * Simplification tolerance in degrees: half a 256-px web-mercator tile pixel at `zoom` (at the
 * equator, so a little finer than needed at 10.8° N). Below half a pixel the simplification is
 * invisible, and it cuts the ward layer several-fold at city zoom.
 */
export function simplifyTolerance(zoom: number): number {
  return 360 / (256 * 2 ** zoom) / 2
}
