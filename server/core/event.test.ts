import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { z } from 'zod'
import { checkCoordinates, eventSchema, MAX_TEXT_LENGTH, parseInstant, validateEvent, type Validation } from './event'

const now = new Date('2026-11-24T03:00:00Z')
const categories = new Set(['flooding', 'traffic'])
const good = {
  kind: 'complaint',
  source: '1022',
  source_id: 'A-1',
  occurred_at: '2026-11-24T09:30:00+07:00',
  lat: 10.7725,
  lon: 106.6981,
  text: 'Ngập nước đường Nguyễn Huệ',
  category: 'flooding',
}
/** The producer under test writes as "1022" (its API key's source). */
const context = { now, categories, source: '1022' }
const check = (patch: Record<string, unknown>): Validation => validateEvent({ ...good, ...patch }, context)
/** Rejected on `field`, for a reason that matches `reason`. */
const refused = (patch: Record<string, unknown>, field: string, reason: RegExp) => {
  const result = rejection(patch)
  assert.equal(result.field, field)
  assert.match(result.reason, reason)
}
const rejection = (patch: Record<string, unknown>) => {
  const result = check(patch)
  assert.equal(result.ok, false, `expected a rejection for a patch of ${Object.keys(patch).join(", ")}`)
  return result as Extract<Validation, { ok: false }>
}

describe('validateEvent', () => {
  it('ING-4 refuses, per field, what PostgreSQL could not store: NUL characters, half surrogate pairs, year 0, attributes nested without end', () => {
    refused({ text: 'ngập\u0000nước' }, 'text', /NUL character/)
    refused({ source_id: 'A\uD800' }, 'source_id', /surrogate/)
    refused({ address: '\uDC00 Lê Lợi' }, 'address', /surrogate/)
    assert.ok(check({ text: 'mưa to 🌧️ quá' }).ok, 'a whole surrogate pair (an emoji) is fine')
    refused({ occurred_at: '0000-01-01T00:00:00Z' }, 'occurred_at', /before 1900/)
    let deep: Record<string, unknown> = { leaf: 1 }
    for (let i = 0; i < 6000; i++) deep = { next: deep }
    refused({ attributes: deep }, 'attributes', /deeper than 32 levels/)
    refused({ attributes: { note: 'a\u0000b' } }, 'attributes', /NUL character/)
    refused({ attributes: { ['k\u0000']: 1 } }, 'attributes', /a key holds a NUL/)
    assert.ok(check({ attributes: { a: { b: { c: [1, 'x'] } } } }).ok)
  })

  it('ING-4 numbers are numbers: blank text is no coordinate, never 0; hex and exponents are refused', () => {
    const blank = check({ lat: ' ', lon: '  ' })
    assert.ok(blank.ok && blank.event.lat === null && blank.event.lon === null)
    const text = check({ lat: ' 10.7725 ', lon: '106.6981' })
    assert.ok(text.ok && text.event.lat === 10.7725)
    refused({ lat: '0xA', lon: '106.6981' }, 'lat', /must be a number/)
    refused({ lat: '10.7', lon: '1e2' }, 'lon', /must be a number/)
    refused({ lat: ' ', lon: '106.6981' }, 'lat', /missing while lon is given/)
  })

  it('accepts a complete complaint, received when it occurred unless it says otherwise', () => {
    const result = check({})
    assert.ok(result.ok)
    assert.equal(result.event.status, 'received')
    assert.equal(result.event.statusAt?.toISOString(), '2026-11-24T02:30:00.000Z')
    const open = check({ status: 'open' })
    assert.ok(open.ok && open.event.status === 'received', 'open is GeoReport v2 for received')
    const closed = check({ status: 'closed', closed_at: '2026-11-24T09:50:00+07:00' })
    assert.ok(closed.ok && closed.event.statusAt?.toISOString() === '2026-11-24T02:50:00.000Z')
    const inProgress = check({ status: 'in_progress' })
    assert.ok(inProgress.ok && inProgress.event.statusAt?.getTime() === now.getTime(), 'a status without its time took effect on arrival')
    assert.equal(result.event.occurredAt.toISOString(), '2026-11-24T02:30:00.000Z')
    assert.equal(result.event.lat, 10.7725)
  })

  it('accepts a mention without coordinates, category or status', () => {
    const result = check({ kind: 'mention', lat: undefined, lon: undefined, category: undefined })
    assert.ok(result.ok)
    assert.equal(result.event.status, null)
    assert.equal(result.event.lat, null)
  })

  it('names the field and the reason for each bad input', () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ kind: undefined }, 'kind', /required/],
      [{ kind: 'tweet' }, 'kind', /not complaint or mention/],
      [{ source: 'social' }, 'source', /writes as "1022"/],
      [{ source_id: undefined }, 'source_id', /required/],
      [{ source_id: { a: 1 } }, 'source_id', /string/],
      [{ occurred_at: undefined }, 'occurred_at', /required/],
      [{ occurred_at: 'yesterday' }, 'occurred_at', /not an ISO 8601/],
      [{ occurred_at: '2026-11-24T09:30:00' }, 'occurred_at', /no time zone/],
      [{ occurred_at: '2026-02-30T09:30:00+07:00' }, 'occurred_at', /ISO|real date/],
      [{ occurred_at: '2026-11-24T10:06:00+07:00' }, 'occurred_at', /future/],
      [{ lat: 106.6981, lon: 10.7725 }, 'lat', /swapped/],
      [{ lat: 95, lon: 200 }, 'lat', /outside \[-90, 90\]/],
      [{ lon: 190 }, 'lon', /outside \[-180, 180\]/],
      [{ lat: 'north' }, 'lat', /number/],
      [{ lon: undefined }, 'lon', /missing while lat is given/],
      [{ text: 'x'.repeat(MAX_TEXT_LENGTH + 1) }, 'text', /limit is 4000/],
      [{ category: 'potholes' }, 'category', /not a known category/],
      [{ status: 'done' }, 'status', /not one of open, received, assigned, in_progress, resolved, closed, rejected/],
      [{ status: 'in_progress', closed_at: '2026-11-24T09:50:00+07:00' }, 'closed_at', /only for a resolved or closed complaint/],
      [{ status: 'closed', closed_at: 'soon' }, 'closed_at', /ISO 8601/],
      [{ status: 'closed', closed_at: '2026-11-24T10:30:00+07:00' }, 'closed_at', /future/],
      [{ kind: 'mention', closed_at: '2026-11-24T09:50:00+07:00' }, 'closed_at', /only complaints/],
      [{ kind: 'mention', status: 'open' }, 'status', /only complaints/],
      [{ attributes: [1, 2] }, 'attributes', /object/],
    ]
    for (const [patch, field, reason] of cases) {
      const result = rejection(patch)
      assert.equal(result.field, field, JSON.stringify(patch))
      assert.match(result.reason, reason, JSON.stringify(patch))
    }
  })

  it('accepts a time 4 minutes ahead (clock skew) but not 6', () => {
    assert.ok(check({ occurred_at: '2026-11-24T03:04:00Z' }).ok)
    assert.equal(check({ occurred_at: '2026-11-24T03:06:00Z' }).ok, false)
  })

  it('accepts text of exactly 4,000 characters', () => {
    assert.ok(check({ text: 'đ'.repeat(MAX_TEXT_LENGTH) }).ok)
  })

  it('rejects what is not an object', () => {
    for (const raw of [null, 42, 'event', [good]]) {
      const result = validateEvent(raw, context)
      assert.equal(result.ok, false)
    }
  })
})

describe('validateEvent: the source is the API key\'s', () => {
  it('ING-8 files a line that omits source (or leaves it blank) under the producer\'s source', () => {
    const { source: _stated, ...withoutSource } = good
    const result = validateEvent(withoutSource, context)
    assert.ok(result.ok && result.event.source === '1022', JSON.stringify(result))
    for (const source of [undefined, null, '']) {
      const result = check({ source })
      assert.ok(result.ok, JSON.stringify(source))
      assert.equal(result.event.source, '1022')
    }
  })

  it('ING-8 refuses a line that states another source, saying what to send instead', () => {
    assert.deepEqual(rejection({ source: 'social' }), {
      ok: false,
      field: 'source',
      reason: '"social" is not this API key\'s source: it writes as "1022" — omit source or send "1022"',
    })
    refused({ source: { name: '1022' } }, 'source', /writes as "1022"/)
    const other = validateEvent({ ...good, source: 'social' }, { ...context, source: 'social' })
    assert.ok(other.ok && other.event.source === 'social', 'the same line is fine from the producer that writes as "social"')
  })
})

describe('checkCoordinates', () => {
  it('treats absent and empty as no point', () => {
    assert.deepEqual(checkCoordinates(undefined, undefined), { lat: null, lon: null })
    assert.deepEqual(checkCoordinates('', ''), { lat: null, lon: null })
  })
  it('parses numeric strings from form posts', () => {
    assert.deepEqual(checkCoordinates('10.5', '106.1'), { lat: 10.5, lon: 106.1 })
  })
  it('accepts the poles and the antimeridian', () => {
    assert.deepEqual(checkCoordinates(-90, 180), { lat: -90, lon: 180 })
  })
})

describe('parseInstant', () => {
  it('accepts Z, ±hh:mm and ±hhmm zones', () => {
    assert.equal((parseInstant('2026-11-24T01:00:00Z') as Date).toISOString(), '2026-11-24T01:00:00.000Z')
    assert.equal((parseInstant('2026-11-24T08:00:00+07:00') as Date).toISOString(), '2026-11-24T01:00:00.000Z')
    assert.equal((parseInstant('2026-11-23T20:00:00.5-0500') as Date).toISOString(), '2026-11-24T01:00:00.500Z')
  })
})

describe('validateEvent with several faults', () => {
  it('ING-4 names the first field at fault, also when a rule across fields (lat with lon) finds it', () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ lat: 106.6981, lon: 10.7725, text: 42 }, 'lat', /swapped/],
      [{ lon: undefined, attributes: [1] }, 'lon', /missing while lat is given/],
      [{ kind: 'tweet', lat: 'north' }, 'kind', /not complaint or mention/],
      [{ source_id: '', occurred_at: 'yesterday' }, 'source_id', /required/],
      [{ category: 'potholes', status: 'done' }, 'category', /not a known category/],
      [{ kind: 'mention', status: 'done' }, 'status', /only complaints/],
    ]
    for (const [patch, field, reason] of cases) {
      const result = rejection(patch)
      assert.equal(result.field, field, JSON.stringify(patch))
      assert.match(result.reason, reason, JSON.stringify(patch))
    }
  })

  it('keeps numeric ids as their decimal string', () => {
    const result = check({ source: 1022, source_id: 7 })
    assert.ok(result.ok)
    assert.deepEqual([result.event.source, result.event.sourceId], ['1022', '7'])
  })

  it('refuses an unknown field by name, before any other fault (a misspelt lat would store no point)', () => {
    refused({ latitude: 10.77 }, 'latitude', /is not a field of an event; the fields are kind, source, source_id, occurred_at, lat, lon/)
    refused({ catgory: 'flooding', text: 'x'.repeat(MAX_TEXT_LENGTH + 1) }, 'catgory', /not a field/)
    refused({ kind: 'mention', status: undefined, extra: 1 }, 'extra', /not a field/)
  })
})

describe('eventSchema', () => {
  it('stays on zod’s compiled fast path: ingest validates tens of thousands of events a second', () => {
    assert.doesNotThrow(() => z.compile(eventSchema({ categories, now: () => now }, '1022'), { strict: true }))
  })
})
