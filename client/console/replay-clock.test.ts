import { test } from 'vitest'
import assert from 'node:assert/strict'
import { advance, frameIndex, pause, play, REPLAY_SPAN_MS, replayRange, seek, startReplay } from './replay-clock'

const NOW = Date.parse('2026-11-25T09:37:12Z')

test('CON-UI-5: the replay covers the 24 h before the last whole 5 minutes and starts paused at its beginning', () => {
  const { from, to } = replayRange(NOW)
  assert.equal(new Date(to).toISOString(), '2026-11-25T09:35:00.000Z')
  assert.equal(to - from, REPLAY_SPAN_MS)
  const clock = startReplay(NOW, 600)
  assert.deepEqual(clock, { from, to, at: from, speed: 600, playing: false })
  // A shared instant is kept when inside, clamped when outside.
  assert.equal(startReplay(NOW, 600, to - 60_000).at, to - 60_000)
  assert.equal(startReplay(NOW, 600, to + 3_600_000).at, to)
})

test('CON-UI-5: playing moves speed × real time, pausing stops it, the end pauses, play at the end starts over', () => {
  let clock = startReplay(NOW, 3600)
  assert.equal(advance(clock, 1_000), clock, 'a paused clock does not move')
  clock = play(clock)
  clock = advance(clock, 1_000)
  assert.equal(clock.at - clock.from, 3_600_000, '1 s at ×3600 is one hour')
  clock = advance({ ...clock, speed: 60 }, 500)
  assert.equal(clock.at - clock.from, 3_600_000 + 30_000)
  clock = advance(clock, 30 * 60_000)
  assert.equal(clock.at, clock.to)
  assert.equal(clock.playing, false, 'the end pauses')
  assert.equal(play(clock).at, clock.from)
  assert.equal(pause(play(clock)).playing, false)
  assert.equal(seek(clock, clock.from - 1).at, clock.from)
  assert.equal(seek(clock, clock.from + 5).at, clock.from + 5)
})

test('CON-UI-5: the frame shown is the last one at or before the replayed instant', () => {
  const ats = [0, 300, 600, 900]
  assert.equal(frameIndex(ats, -1), -1)
  assert.equal(frameIndex(ats, 0), 0)
  assert.equal(frameIndex(ats, 299), 0)
  assert.equal(frameIndex(ats, 300), 1)
  assert.equal(frameIndex(ats, 5_000), 3)
  assert.equal(frameIndex([], 5), -1)
})
