import { test } from 'vitest'
import assert from 'node:assert/strict'
import { resolutionForZoom, resolutionWithHysteresis } from './resolution'

test('resolution follows zoom: city → r6/r7, district → r8, street → r9', () => {
  assert.equal(resolutionForZoom(9), 6)
  assert.equal(resolutionForZoom(11), 7)
  assert.equal(resolutionForZoom(13), 8)
  assert.equal(resolutionForZoom(15), 9)
  assert.equal(resolutionForZoom(20), 9)
})

test('hysteresis keeps the current resolution near a threshold, not beyond it', () => {
  assert.equal(resolutionWithHysteresis(12.1, 7), 7)
  assert.equal(resolutionWithHysteresis(12.6, 7), 8)
  assert.equal(resolutionWithHysteresis(11.9, 8), 8)
  assert.equal(resolutionWithHysteresis(9, 8), 6)
  assert.equal(resolutionWithHysteresis(13, null), 8)
})
