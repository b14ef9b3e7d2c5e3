import { test } from 'vitest'
import assert from 'node:assert/strict'
import { buildPlaylist, nextIndex } from './playlist'
import type { Bbox } from '../map/geo'

const box: Bbox = [106, 10, 107, 11]
const unit = (code: string, total: number) => ({ code, name: `Quận ${code}`, bbox: box, total })

test('overview → hottest units first (at most N, none without events) → top issues → processing speed', () => {
  const steps = buildPlaylist(['overview', 'units', 'top', 'performance'], box, [unit('a', 3), unit('b', 9), unit('c', 0), unit('d', 5)], 2)
  assert.deepEqual(steps.map((s) => (s.kind === 'unit' ? s.code : s.kind)), ['overview', 'b', 'd', 'top', 'performance'])
  assert.deepEqual(steps.at(-1), { kind: 'performance', bbox: box }, 'the map frames the whole scope behind the ranking')
})

test('an empty playlist still shows the overview, and the rotation wraps', () => {
  assert.deepEqual(buildPlaylist(['units'], box, [], 5).map((s) => s.kind), ['overview'])
  assert.equal(nextIndex(3, 4), 0)
  assert.equal(nextIndex(0, 4), 1)
})
