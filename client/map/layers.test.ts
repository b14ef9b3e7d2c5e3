import { test } from 'vitest'
import assert from 'node:assert/strict'
import type { TextLayer } from '@deck.gl/layers'
import { buildLayers, type MapLayersState } from './layers'
import { COMPLAINT_RAMP, MENTION_RAMP } from './colour-scales'

const state: MapLayersState = {
  heat: [],
  vertices: null,
  extruded: false,
  elevationPerEvent: 1,
  labels: [{ position: [106.7, 10.776], text: 'Quận 1', width: 0.03 }],
  hotCells: [],
  pulses: [],
  now: 0,
  outlines: null,
  highlight: null,
  uiScale: 1,
  overdue: { spots: [], visible: true },
}

/** WCAG 2 relative luminance and contrast ratio, written here independently of the product. */
const luminance = ([r, g, b]: readonly number[]) => {
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!)
}
const contrast = (a: readonly number[], b: readonly number[]) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

test('WALL-3 unit names carry a dark halo wide enough to read on every colour of both heat scales', () => {
  const labels = buildLayers(state).find((l) => l.id === 'unit-labels') as TextLayer
  const { outlineColor, getColor, outlineWidth, getSize, fontSettings } = labels.props as unknown as {
    outlineColor: number[]
    getColor: number[]
    outlineWidth: number
    getSize: number
    fontSettings: { fontSize: number; radius: number; buffer: number }
  }
  // deck.gl draws the outline 0.75 × outlineWidth atlas pixels beyond the glyph (TinySDF cutoff 0.25), within the field's radius and buffer.
  const haloAtlasPx = 0.75 * outlineWidth
  assert.ok(haloAtlasPx < 0.75 * fontSettings.radius && haloAtlasPx <= fontSettings.buffer, 'the halo fits in the distance field')
  const haloScreenPx = (haloAtlasPx * getSize) / fontSettings.fontSize
  assert.ok(haloScreenPx >= 2.5, `halo ${haloScreenPx.toFixed(1)} px around ${getSize} px names`)
  assert.ok(contrast(getColor, outlineColor) >= 12, 'text against its halo')
  for (const colour of [...COMPLAINT_RAMP, ...MENTION_RAMP]) {
    // On a pale hexagon the halo carries the contrast, on a dark one the text does.
    const best = Math.max(contrast(getColor, colour), contrast(outlineColor, colour))
    assert.ok(best >= 4.5, `rgb(${colour.slice(0, 3).join(',')}): best contrast ${best.toFixed(1)}`)
  }
})

test('WALL-5 overdue cells are outlined over the heat, their counts over the names, in a colour apart from both heat scales, and hide with the legend', () => {
  const spots = [{ cell: '88658c1a4bfffff', count: 3, position: [106.7, 10.776] as [number, number] }]
  const vertices: Array<[number, number]> = [[0, 100], [87, 50], [87, -50], [0, -100], [-87, -50], [-87, 50]]
  const ids = (layers: ReturnType<typeof buildLayers>) => layers.filter((l) => l.props.visible !== false).map((l) => l.id)
  const shown = ids(buildLayers({ ...state, vertices, overdue: { spots, visible: true } }))
  for (const id of ['overdue-casing', 'overdue-outline', 'overdue-counts']) assert.ok(shown.includes(id), id)
  assert.ok(shown.indexOf('unit-outlines') < shown.indexOf('overdue-casing') && shown.indexOf('overdue-outline') < shown.indexOf('unit-labels'))
  assert.ok(shown.indexOf('unit-labels') < shown.indexOf('overdue-counts'))
  assert.deepEqual(ids(buildLayers({ ...state, vertices, overdue: { spots, visible: false } })).filter((id) => id.startsWith('overdue')), [])
  assert.deepEqual(ids(buildLayers({ ...state, vertices, overdue: { spots: [], visible: true } })).filter((id) => id.startsWith('overdue')), [])
  const line = buildLayers({ ...state, vertices, overdue: { spots, visible: true } }).find((l) => l.id === 'overdue-outline')!
  const colour = (line.props as unknown as { getLineColor: number[] }).getLineColor
  for (const ramp of [...COMPLAINT_RAMP, ...MENTION_RAMP]) {
    const distance = Math.hypot(colour[0]! - ramp[0], colour[1]! - ramp[1], colour[2]! - ramp[2])
    assert.ok(distance >= 120, `rgb(${ramp.slice(0, 3).join(',')}) is ${distance.toFixed(0)} away`)
  }
})
