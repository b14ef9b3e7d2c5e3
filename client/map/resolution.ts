/** Which H3 resolution the map asks for at a zoom level: about 10–40 px per hexagon on screen. */
import type { MapResolution } from '../../server/core/h3'

/** Zoom thresholds: below 10.5 → r6, below 12 → r7, below 13.5 → r8, else r9. */
const THRESHOLDS: ReadonlyArray<[maxZoom: number, res: MapResolution]> = [
  [10.5, 6],
  [12, 7],
  [13.5, 8],
]

export function resolutionForZoom(zoom: number): MapResolution {
  for (const [maxZoom, res] of THRESHOLDS) if (zoom < maxZoom) return res
  return 9
}

/**
 * Hysteresis: keep the current resolution while the zoom is within `margin` of a threshold,
 * so a camera easing across a boundary does not resubscribe twice.
 */
export function resolutionWithHysteresis(zoom: number, current: MapResolution | null, margin = 0.25): MapResolution {
  const next = resolutionForZoom(zoom)
  if (current === null || next === current) return next
  const up = resolutionForZoom(zoom - margin)
  const down = resolutionForZoom(zoom + margin)
  return up === current || down === current ? current : next
}
