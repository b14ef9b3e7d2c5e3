import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { briefingUrl, readParams, writeParams } from './briefing-params'
import { change, count, hours, percent, satisfaction, share } from './briefing-view'

describe('briefing page figures', () => {
  it('BRF-7 figures the Vietnamese way in vi (1.234,5), the English way in en', () => {
    assert.equal(count('vi', 1234), '1.234')
    assert.equal(count('en', 1234), '1,234')
    assert.equal(hours('vi', 1234.5), '1.234,5')
    assert.equal(hours('en', 41), '41.0')
    assert.equal(hours('vi', null), '–')
    assert.equal(percent('vi', 33.333), '33,3%')
    assert.equal(share('en', 0.455), '45.5%')
    assert.equal(satisfaction('vi', 3.25), '3,3/5')
    assert.equal(change('vi', 12, 5), '+12 (×5)')
    assert.equal(change('vi', -1.5, 0.7), '-1,5 (×0,7)')
    assert.equal(change('en', 13, null), '+13 (new)')
  })

  it('BRF-7 the URL keeps period and scope; custom keeps its range; the exports ask the same briefing', () => {
    const params = readParams('?period=custom&scope=760&from=2026-11-01T00:00:00%2B07:00&to=2026-11-08T00:00:00%2B07:00&lang=en')
    assert.deepEqual(params, { period: 'custom', scope: '760', from: '2026-11-01T00:00:00+07:00', to: '2026-11-08T00:00:00+07:00' })
    assert.equal(writeParams(params, 'en'), '?period=custom&scope=760&from=2026-11-01T00%3A00%3A00%2B07%3A00&to=2026-11-08T00%3A00%3A00%2B07%3A00&lang=en')
    assert.equal(briefingUrl(params, 'csv'), '/api/v1/briefing?period=custom&scope=760&format=csv&from=2026-11-01T00%3A00%3A00%2B07%3A00&to=2026-11-08T00%3A00%3A00%2B07%3A00')
    assert.deepEqual(readParams('?period=month&from=x'), { period: 'today', scope: 'city', from: null, to: null })
    assert.equal(briefingUrl(readParams('?period=last_week&from=x'), 'json'), '/api/v1/briefing?period=last_week&scope=city&format=json')
  })
})
