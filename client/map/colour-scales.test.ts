import { test } from 'vitest'
import assert from 'node:assert/strict'
import { COMPLAINT_RAMP, MENTION_RAMP, heatBreaks, heatScale, legendEntries, scaleKey } from './colour-scales'

test('breaks are round numbers from 1 up to at most the max, strictly increasing', () => {
  assert.deepEqual(heatBreaks(1), [1])
  assert.deepEqual(heatBreaks(4), [1, 2, 3, 4])
  for (const max of [7, 23, 93, 110, 999, 12_345]) {
    const b = heatBreaks(max)
    assert.equal(b[0], 1)
    assert.ok(b.length <= 6 && b.length >= 3, `${max}: ${b}`)
    assert.ok(b.every((v, i) => i === 0 || v > b[i - 1]!), `${max}: ${b}`)
    assert.ok(b.every((v) => v <= max))
    assert.ok(b.every((v) => /^[1235]0*$/.test(String(v))), `${max}: ${b} are round`)
  }
})

test('each count gets the colour of its class; the legend states the same ranges', () => {
  const scale = heatScale('complaints', 100)
  const entries = legendEntries(scale)
  for (const e of entries) {
    assert.deepEqual(scale.colourOf(e.from), e.colour)
    if (e.to !== null) assert.deepEqual(scale.colourOf(e.to), e.colour)
  }
  assert.equal(entries.at(-1)!.to, null)
  assert.deepEqual(scale.colourOf(10_000), entries.at(-1)!.colour)
  assert.equal(scale.colourOf(0)[3], 0, 'zero is transparent')
})

test('the top class is always the brightest ramp colour, and the two layers do not share colours', () => {
  assert.deepEqual(heatScale('complaints', 3).colourOf(3), COMPLAINT_RAMP.at(-1))
  assert.deepEqual(heatScale('mentions', 500).colourOf(500), MENTION_RAMP.at(-1))
  const key = (c: readonly number[]) => c.slice(0, 3).join()
  const complaint = new Set(COMPLAINT_RAMP.map(key))
  assert.ok(MENTION_RAMP.every((c) => !complaint.has(key(c))))
})

test('scaleKey only changes when the breaks would', () => {
  assert.equal(scaleKey(93), scaleKey(94))
  assert.notEqual(scaleKey(3), scaleKey(4))
})
