import assert from 'node:assert/strict'
import { test } from 'vitest'
import { parseSubscribeRequest, parseSubscriptionId, requestOfSubscription, subscriptionId } from './subscription'

const valid = { scope: 'city', layers: ['mentions', 'complaints'], res: 8, window: '24h' }

test('LIVE-2 a valid request is accepted and its layers put in canonical order', () => {
  assert.deepEqual(parseSubscribeRequest(valid), { ok: true, value: { scope: 'city', layers: ['complaints', 'mentions'], res: 8, window: '24h' } })
  assert.deepEqual(parseSubscribeRequest({ ...valid, scope: '760', resumeFrom: { subscription: 'city|complaints|8|24h', seq: 3 } }).ok, true)
})

const invalid: Array<[string, unknown, string]> = [
  ['not an object', 'city', '(request)'],
  ['unknown field', { ...valid, bbox: [] }, 'bbox'],
  ['scope with a room separator', { ...valid, scope: 'city|x' }, 'scope'],
  ['empty scope', { ...valid, scope: '' }, 'scope'],
  ['no layers', { ...valid, layers: [] }, 'layers'],
  ['unknown layer', { ...valid, layers: ['traffic'] }, 'layers'],
  ['repeated layer', { ...valid, layers: ['complaints', 'complaints'] }, 'layers'],
  ['resolution off the map', { ...valid, res: 10 }, 'res'],
  ['resolution as a string', { ...valid, res: '8' }, 'res'],
  ['unknown window', { ...valid, window: '30d' }, 'window'],
  ['negative resume seq', { ...valid, resumeFrom: { subscription: 'a', seq: -1 } }, 'resumeFrom.seq'],
  ['resume without subscription', { ...valid, resumeFrom: { seq: 1 } }, 'resumeFrom.subscription'],
]
for (const [name, raw, field] of invalid) {
  test(`LIVE-2 rejects ${name} naming the field "${field}"`, () => {
    const parsed = parseSubscribeRequest(raw)
    assert.equal(parsed.ok, false)
    if (!parsed.ok) {
      assert.equal(parsed.error.field, field)
      assert.equal(parsed.error.code, 'bad_request')
      assert.ok(parsed.error.message.length > 5)
    }
  })
}

test('SEQ-1 the subscription id is the canonical request and parses back', () => {
  const id = subscriptionId({ scope: 'Q1', layers: ['mentions', 'complaints'], res: 7, window: '1h' })
  assert.equal(id, 'Q1|complaints,mentions|7|1h')
  assert.deepEqual(requestOfSubscription(id), { scope: 'Q1', layers: ['complaints', 'mentions'], res: 7, window: '1h' })
  assert.equal(requestOfSubscription('Q1|complaints|11|1h'), null)
  assert.equal(parseSubscriptionId(42).ok, false)
})

test('LIVE-2 an unknown field is named before any other fault, with the reason', () => {
  assert.deepEqual(parseSubscribeRequest({ ...valid, scope: '', bbox: [] }), { ok: false, error: { code: 'bad_request', message: 'unknown field "bbox"', field: 'bbox' } })
  assert.deepEqual(parseSubscribeRequest({ ...valid, layers: ['complaints', 'traffic'] }), {
    ok: false,
    error: { code: 'bad_request', message: '"traffic" is not one of complaints, mentions', field: 'layers' },
  })
  assert.deepEqual(parseSubscribeRequest({ ...valid, resumeFrom: { subscription: 'a', seq: 1.5 } }), {
    ok: false,
    error: { code: 'bad_request', message: 'must be a non-negative integer', field: 'resumeFrom.seq' },
  })
})
