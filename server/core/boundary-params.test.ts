import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { AppError } from './errors'
import { parseLevel, parseZoom, simplifyTolerance, ZOOM } from './boundary-params'

function rejects(fn: () => unknown, field: string) {
  assert.throws(fn, (error: unknown) => error instanceof AppError && error.status === 400 && error.field === field)
}

describe('parseLevel', () => {
  it('accepts levels as data', () => {
    assert.equal(parseLevel('district'), 'district')
    assert.equal(parseLevel('ward'), 'ward')
    assert.equal(parseLevel('special_zone-2'), 'special_zone-2')
  })
  it('400s on a missing, repeated or malformed level', () => {
    rejects(() => parseLevel(undefined), 'level')
    rejects(() => parseLevel(''), 'level')
    rejects(() => parseLevel(['ward', 'district']), 'level')
    rejects(() => parseLevel('Ward'), 'level')
    rejects(() => parseLevel("ward' OR 1=1"), 'level')
  })
})

describe('parseZoom', () => {
  it('defaults when absent and accepts the range, fractions included', () => {
    assert.equal(parseZoom(undefined), ZOOM.default)
    assert.equal(parseZoom(''), ZOOM.default)
    assert.equal(parseZoom('0'), 0)
    assert.equal(parseZoom('11.5'), 11.5)
    assert.equal(parseZoom('22'), 22)
  })
  it('400s outside [0, 22] and on what is not a number', () => {
    for (const raw of ['-1', '22.5', '23', 'abc', '1e3', 'NaN', 'Infinity', ' ', ['10']]) rejects(() => parseZoom(raw), 'zoom')
  })
})

describe('simplifyTolerance', () => {
  it('is half a pixel at the zoom and halves per zoom level', () => {
    assert.ok(Math.abs(simplifyTolerance(0) - 360 / 512) < 1e-12)
    assert.ok(Math.abs(simplifyTolerance(13) * 2 - simplifyTolerance(12)) < 1e-15)
    // Around 19 m at the default city view: finer than any ward edge worth drawing.
    assert.ok(simplifyTolerance(ZOOM.default) < 0.0002)
  })
})
