import { test } from 'vitest'
import assert from 'node:assert/strict'
import { overlaps, placeLabels, type LabelCandidate } from './label-placement'

const candidate = (text: string, x: number, y: number, textWidth: number, unitWidth: number): LabelCandidate => ({
  label: { text, position: [0, 0], width: 0 },
  x,
  y,
  textWidth,
  unitWidth,
})

test('WALL-3 two names that would overlap: the wider unit keeps its name, the other is left out', () => {
  // Quận 1 and Quận 4 at the city overview: centres 14 px apart, each name 60 px wide.
  const placed = placeLabels([candidate('Quận 4', 400, 314, 60, 70), candidate('Quận 1', 405, 300, 60, 90)], 18, 4)
  assert.deepEqual(placed.labels.map((l) => l.text), ['Quận 1'])
})

test('WALL-3 names apart from each other are all drawn, and no two drawn boxes overlap', () => {
  const cands = [
    candidate('Quận 1', 400, 300, 60, 90),
    candidate('Quận 4', 405, 314, 60, 70),
    candidate('Quận 7', 480, 340, 60, 120),
    candidate('Quận 8', 330, 360, 60, 100),
    candidate('Huyện Nhà Bè', 470, 352, 110, 200),
  ]
  const placed = placeLabels(cands, 18, 4)
  assert.deepEqual(placed.labels.map((l) => l.text), ['Huyện Nhà Bè', 'Quận 8', 'Quận 1'])
  for (const [i, a] of placed.boxes.entries()) for (const b of placed.boxes.slice(i + 1)) assert.equal(overlaps(a, b, 4), false, `${a.text} / ${b.text}`)
})

test('WALL-3 a name wider than its unit on screen is not drawn; boxes touch only beyond the gap', () => {
  assert.deepEqual(placeLabels([candidate('Huyện Bình Chánh', 0, 0, 130, 120)], 18, 4).labels, [])
  const box = (left: number) => ({ text: '', left, right: left + 10, top: 0, bottom: 10 })
  assert.equal(overlaps(box(0), box(13), 4), true)
  assert.equal(overlaps(box(0), box(15), 4), false)
})
