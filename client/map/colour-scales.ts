/**
 * Heat scales with breaks at round numbers, so the legend states real counts ("5–9") and
 * colours stay put until the hottest cell crosses into a new order of magnitude.
 */
import type { Layer } from '../../server/core/protocol'
import type { Rgba } from '../live/cell-store'

/** Complaints: embers on a dark map (dark red → orange → pale yellow). */
export const COMPLAINT_RAMP: readonly Rgba[] = [
  [127, 29, 29, 235],
  [185, 28, 28, 235],
  [234, 88, 12, 235],
  [249, 150, 22, 240],
  [253, 204, 76, 245],
  [255, 247, 196, 250],
]

/** Social mentions: deep blue → cyan → mint, clearly apart from the complaint ramp. */
export const MENTION_RAMP: readonly Rgba[] = [
  [30, 58, 138, 235],
  [37, 99, 235, 235],
  [14, 165, 233, 235],
  [34, 211, 238, 240],
  [110, 231, 183, 245],
  [220, 252, 231, 250],
]

export const RAMPS: Record<Layer, readonly Rgba[]> = { complaints: COMPLAINT_RAMP, mentions: MENTION_RAMP }

const NICE = [1, 2, 3, 5]

/** Round numbers 1, 2, 3, 5, 10, 20, 30, 50, 100 … */
export function niceNumbers(upTo: number): number[] {
  const out: number[] = []
  for (let magnitude = 1; magnitude <= upTo * 10; magnitude *= 10) {
    for (const n of NICE) {
      const v = n * magnitude
      if (v > upTo) return out
      out.push(v)
    }
  }
  return out
}

export interface HeatScale {
  layer: Layer
  /** Lower bound of each class; class i covers [breaks[i], breaks[i+1] − 1], the last is open. */
  breaks: number[]
  colours: Rgba[]
  colourOf(count: number): Rgba
}

/**
 * Up to `classes` classes whose lower bounds are round numbers spread (log-wise) from 1 to the
 * largest count. Counts are integers, so class i is "breaks[i] – breaks[i+1]−1".
 */
export function heatBreaks(max: number, classes = 6): number[] {
  const top = Math.max(1, Math.floor(max))
  if (top <= classes) return Array.from({ length: top }, (_, i) => i + 1)
  const candidates = niceNumbers(top)
  const breaks = [1]
  for (let i = 1; i < classes; i++) {
    const target = Math.pow(top, i / classes)
    let best = candidates[0]!
    for (const c of candidates) if (Math.abs(Math.log(c) - Math.log(target)) < Math.abs(Math.log(best) - Math.log(target))) best = c
    if (best > breaks[breaks.length - 1]!) breaks.push(best)
  }
  return breaks
}

export function heatScale(layer: Layer, max: number, classes = 6): HeatScale {
  const breaks = heatBreaks(max, classes)
  const ramp = RAMPS[layer]
  // Fewer classes than colours: spread them over the ramp so the top class is always the brightest.
  const colours = breaks.map((_, i) => ramp[breaks.length === 1 ? ramp.length - 1 : Math.round((i * (ramp.length - 1)) / (breaks.length - 1))]!)
  const transparent: Rgba = [0, 0, 0, 0]
  return {
    layer,
    breaks,
    colours,
    colourOf(count: number): Rgba {
      if (count < 1) return transparent
      let i = breaks.length - 1
      while (i > 0 && count < breaks[i]!) i--
      return colours[i]!
    },
  }
}

/** The key a scale is cached under: it changes only when the breaks would. */
export function scaleKey(max: number, classes = 6): string {
  return heatBreaks(max, classes).join(',')
}

export interface LegendEntry {
  colour: Rgba
  from: number
  /** Inclusive; null for the open top class. */
  to: number | null
}

export function legendEntries(scale: HeatScale): LegendEntry[] {
  return scale.breaks.map((from, i) => {
    const next = scale.breaks[i + 1]
    return { colour: scale.colours[i]!, from, to: next === undefined ? null : next - 1 }
  })
}

export function rgbaCss([r, g, b, a]: Rgba): string {
  return `rgba(${r}, ${g}, ${b}, ${(a / 255).toFixed(3)})`
}
