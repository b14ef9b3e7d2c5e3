import assert from 'node:assert/strict'
import { describe, it } from 'vitest'
import { AppError } from './errors'
import { queryKey, readCursor, signCursor, type CursorState } from './cursor'

const STATE: CursorState = { as_of: '2026-11-25T03:00:00.000Z', max_id: '120', at: '2026-11-25T02:10:00.000Z', id: '97', key: queryKey({ place: 'x', layer: ['complaints'] }) }

const refused = (run: () => unknown) =>
  assert.throws(run, (error: unknown) => error instanceof AppError && error.status === 400 && error.field === 'cursor' && /tampered with or belongs to another query/.test(error.message))

describe('cursor (CON-3)', () => {
  it('CON-3 a signed cursor reads back as it was, for the same query and secret', () => {
    assert.deepEqual(readCursor(signCursor(STATE, 's1'), 's1', STATE.key), STATE)
  })
  it('CON-3 the key does not depend on the order parameters were given in', () => {
    assert.equal(queryKey({ a: 1, b: [2] }), queryKey({ b: [2], a: 1 }))
    assert.notEqual(queryKey({ a: 1 }), queryKey({ a: 2 }))
  })
  it('CON-3 an edited body, another secret, another query, or garbage is refused on `cursor`', () => {
    const token = signCursor(STATE, 's1')
    const [, signature] = token.split('.')
    refused(() => readCursor(`${Buffer.from(JSON.stringify({ ...STATE, id: '1' })).toString('base64url')}.${signature}`, 's1', STATE.key))
    refused(() => readCursor(token, 's2', STATE.key))
    refused(() => readCursor(token, 's1', queryKey({ place: 'y' })))
    refused(() => readCursor('not-a-cursor', 's1', STATE.key))
    refused(() => readCursor(`${token}.x`, 's1', STATE.key))
  })
  it('CON-3 a correctly signed cursor with a malformed id is refused too', () => {
    refused(() => readCursor(signCursor({ ...STATE, id: '1; DROP TABLE event' }, 's1'), 's1', STATE.key))
  })
})
