/**
 * Which unit names the map draws: a name is drawn only where its unit is wide enough on screen to
 * hold it and where it overlaps no name already placed (a gap between them), the widest units
 * first, so the choice holds still while counts change. Pure: the page measures and projects.
 */
import type { MapLabel } from './layers'

export interface LabelCandidate {
  label: MapLabel
  /** Screen position of the label's centre, px. */
  x: number
  y: number
  /** The text's width at the size it is drawn, px. */
  textWidth: number
  /** The unit's width on screen, px. */
  unitWidth: number
}

/** A drawn name's box on screen, px. */
export interface LabelBox {
  text: string
  left: number
  top: number
  right: number
  bottom: number
}

export interface PlacedLabels {
  labels: MapLabel[]
  boxes: LabelBox[]
}

export function overlaps(a: LabelBox, b: LabelBox, gap = 0): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap
}

/** Greedy placement, widest unit first (ties by text): what maplibre's symbol collision does, for deck.gl text. */
export function placeLabels(candidates: readonly LabelCandidate[], lineHeight: number, gap: number): PlacedLabels {
  const order = candidates
    .filter((c) => c.unitWidth > c.textWidth)
    .sort((a, b) => b.unitWidth - a.unitWidth || a.label.text.localeCompare(b.label.text))
  const placed: PlacedLabels = { labels: [], boxes: [] }
  for (const c of order) {
    const box: LabelBox = { text: c.label.text, left: c.x - c.textWidth / 2, right: c.x + c.textWidth / 2, top: c.y - lineHeight / 2, bottom: c.y + lineHeight / 2 }
    if (placed.boxes.some((other) => overlaps(box, other, gap))) continue
    placed.labels.push(c.label)
    placed.boxes.push(box)
  }
  return placed
}
