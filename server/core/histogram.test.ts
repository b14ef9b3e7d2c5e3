import assert from 'node:assert/strict'
import { describe, it } from 'vitest'
import type { Category } from './categories'
import { AppError } from './errors'
import { bucketSpan, histogramAnswer, parseBucket, parseHistogramQuery } from './histogram'

const ZONE = 'Asia/Ho_Chi_Minh'
const NOW = new Date('2026-11-25T03:07:30Z') // 10:07:30 in Ho Chi Minh City
const CONTEXT = { now: NOW, timeZone: ZONE, categories: [{ code: 'flooding', group: 'flooding' }] as Category[] }

describe('histogram (CON-5)', () => {
  it('CON-5 buckets are whole minutes or hours from 1 minute to a day', () => {
    assert.equal(parseBucket('15m'), 15)
    assert.equal(parseBucket('2h'), 120)
    assert.equal(parseBucket('24h'), 1440)
    for (const bad of ['0m', '30s', '25h', '1d', 'm', '1.5h']) assert.equal(parseBucket(bad), null, bad)
  })

  it('CON-5 buckets start on the local day\'s boundaries (UTC+7) and cover the range', () => {
    const span = bucketSpan({ from: new Date('2026-11-24T03:07:30Z'), to: NOW }, 15, ZONE)
    assert.equal(span.start.toISOString(), '2026-11-24T03:00:00.000Z')
    assert.equal(span.count, 97)
    // Six hours: local 00:00, 06:00, 12:00, 18:00 — 17:00, 23:00, 05:00, 11:00 UTC.
    const six = bucketSpan({ from: new Date('2026-11-24T20:00:00Z'), to: new Date('2026-11-25T04:00:00Z') }, 360, ZONE)
    assert.equal(six.start.toISOString(), '2026-11-24T17:00:00.000Z')
    assert.equal(six.count, 2)
  })

  it('CON-5 every bucket is answered, empty ones as zeros', () => {
    const span = { start: new Date('2026-11-24T17:00:00Z'), count: 3 }
    const answer = histogramAnswer(span, 60, [{ bucket: 1, kind: 'complaint', count: 4 }, { bucket: 1, kind: 'mention', count: 2 }, { bucket: 2, kind: 'mention', count: 1 }])
    assert.deepEqual(answer, {
      from: '2026-11-24T17:00:00.000Z',
      to: '2026-11-24T20:00:00.000Z',
      bucket_minutes: 60,
      buckets: [
        { start: '2026-11-24T17:00:00.000Z', complaints: 0, mentions: 0 },
        { start: '2026-11-24T18:00:00.000Z', complaints: 4, mentions: 2 },
        { start: '2026-11-24T19:00:00.000Z', complaints: 0, mentions: 1 },
      ],
    })
  })

  it('CON-7 a bucket under a minute, or too many buckets, is a 400 on bucket', () => {
    const fault = (raw: Record<string, unknown>, message: RegExp) =>
      assert.throws(() => parseHistogramQuery(raw, CONTEXT), (e: unknown) => e instanceof AppError && e.field === 'bucket' && message.test(e.message))
    fault({ bucket: '0m' }, /from 1m to 24h/)
    fault({ bucket: '1m', window: '7d' }, /at most 2000/)
    assert.equal(parseHistogramQuery({ bucket: '1h', layer: 'mentions' }, CONTEXT).bucketMinutes, 60)
  })
})
