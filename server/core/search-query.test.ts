import assert from 'node:assert/strict'
import { describe, it } from 'vitest'
import { AppError } from './errors'
import { parseSearchQuery } from './search-query'

const CONTEXT = { now: new Date('2026-11-25T03:00:00Z'), secret: 's' }

describe('search parameters (CON-8)', () => {
  it('CON-8 words are folded as asciiFold folds, each once; the longest asks the index', () => {
    const query = parseSearchQuery({ q: '  Ngập NƯỚC  ngập đường ' }, CONTEXT)
    assert.deepEqual(query.patterns, ['%ngap%', '%nuoc%', '%duong%'])
    assert.equal(query.indexPattern, '%duong%')
    assert.equal(query.scope, 'city')
    assert.equal(query.id, null)
  })
  it('CON-8 LIKE\'s own characters mean themselves', () => {
    assert.deepEqual(parseSearchQuery({ q: '100% a_b' }, CONTEXT).patterns, ['%100\\%%', '%a\\_b%'])
  })
  it('CON-8 digits are an event id as well as a source id', () => {
    const query = parseSearchQuery({ q: '12345', scope: 'W1' }, CONTEXT)
    assert.equal(query.id, '12345')
    assert.equal(query.sourceId, '12345')
    assert.equal(query.scope, 'W1')
    assert.equal(parseSearchQuery({ q: '1'.repeat(25) }, CONTEXT).id, null)
  })
  it('CON-7 q missing, blank, too long; an unknown parameter', () => {
    for (const raw of [{}, { q: '' }, { q: '   ' }, { q: 'x'.repeat(201) }]) {
      assert.throws(() => parseSearchQuery(raw, CONTEXT), (e: unknown) => e instanceof AppError && e.field === 'q', JSON.stringify(raw))
    }
    assert.throws(() => parseSearchQuery({ q: 'x', window: '1h' }, CONTEXT), (e: unknown) => e instanceof AppError && e.field === 'window')
  })
})
