import assert from 'node:assert/strict'
import { describe, it } from 'vitest'
import { latLngToCell } from 'h3-js'
import { AppError } from './errors'
import { OPEN_STATUSES, parseCell, parseEventsQuery, parseSummaryQuery, type Place } from './console-query'
import { signCursor } from './cursor'
import type { Category } from './categories'

const NOW = new Date('2026-11-25T03:00:00Z')
const CATEGORIES = [{ code: 'flooding', group: 'flooding' }, { code: 'roads', group: 'infrastructure' }] as Category[]
const CONTEXT = { now: NOW, secret: 'unit-secret', categories: CATEGORIES }
const CELL = latLngToCell(10.77, 106.7, 9)
const PLACE: Place = { kind: 'cell', cell: CELL, res: 9 }

const fault = (run: () => unknown, field: string, message?: RegExp) =>
  assert.throws(run, (error: unknown) => error instanceof AppError && error.status === 400 && error.field === field && (!message || message.test(error.message)))

describe('console query parameters (CON-1, CON-2)', () => {
  it('CON-1 a cell at resolutions 6–9; anything else names cell', () => {
    assert.deepEqual(parseCell(CELL.toUpperCase()), { kind: 'cell', cell: CELL, res: 9 })
    assert.equal(parseCell(latLngToCell(10.77, 106.7, 6)).res, 6)
    fault(() => parseCell('nope'), 'cell', /not an H3 cell/)
    fault(() => parseCell('123456789abcdef'), 'cell', /not an H3 cell/)
    fault(() => parseCell(latLngToCell(10.77, 106.7, 5)), 'cell', /res out of range/)
    fault(() => parseCell(latLngToCell(10.77, 106.7, 10)), 'cell', /res out of range/)
  })

  it('CON-2 defaults: the last 24 h, both layers, no filter, 50 a page, the first page at now', () => {
    const query = parseEventsQuery({}, PLACE, CONTEXT)
    assert.deepEqual(query.range, { from: new Date('2026-11-24T03:00:00Z'), to: NOW })
    assert.deepEqual(query.filter, { kinds: ['complaint', 'mention'], categories: null, statuses: null, sources: null, sentiments: null })
    assert.equal(query.page.limit, 50)
    assert.equal(query.page.after, null)
    assert.equal(query.page.asOf, NOW)
  })

  it('CON-2 comma lists; status=open is every open status', () => {
    const query = parseEventsQuery({ layer: 'mentions', category: 'roads,flooding', status: 'open,resolved', source: 'hotline, zalo', sentiment: 'negative', limit: '200', window: '7d' }, PLACE, CONTEXT)
    assert.deepEqual(query.filter.kinds, ['mention'])
    assert.deepEqual(query.filter.categories, ['roads', 'flooding'])
    assert.deepEqual(query.filter.statuses, [...OPEN_STATUSES, 'resolved'])
    assert.deepEqual(OPEN_STATUSES, ['received', 'assigned', 'in_progress', 'reopened'])
    assert.deepEqual(query.filter.sources, ['hotline', 'zalo'])
    assert.equal(query.page.limit, 200)
    assert.equal(query.range.from.toISOString(), '2026-11-18T03:00:00.000Z')
  })

  it('CON-7 each bad parameter names itself', () => {
    fault(() => parseEventsQuery({ from: '2026-11-20T00:00:00Z', to: '2026-11-19T00:00:00Z' }, PLACE, CONTEXT), 'from', /is after to/)
    fault(() => parseEventsQuery({ from: '2026-01-01T00:00:00Z', to: '2026-11-19T00:00:00Z' }, PLACE, CONTEXT), 'from', /at most 90/)
    fault(() => parseEventsQuery({ from: '2026-11-20T00:00:00' }, PLACE, CONTEXT), 'from')
    fault(() => parseEventsQuery({ window: '1h', to: '2026-11-20T00:00:00Z' }, PLACE, CONTEXT), 'window', /not both/)
    fault(() => parseEventsQuery({ window: '2h' }, PLACE, CONTEXT), 'window')
    fault(() => parseEventsQuery({ layer: 'tweets' }, PLACE, CONTEXT), 'layer')
    fault(() => parseEventsQuery({ category: 'volcano' }, PLACE, CONTEXT), 'category')
    fault(() => parseEventsQuery({ status: 'lost' }, PLACE, CONTEXT), 'status')
    fault(() => parseEventsQuery({ sentiment: 'angry' }, PLACE, CONTEXT), 'sentiment')
    fault(() => parseEventsQuery({ limit: '0' }, PLACE, CONTEXT), 'limit')
    fault(() => parseEventsQuery({ limit: '201' }, PLACE, CONTEXT), 'limit')
    fault(() => parseEventsQuery({ cursor: 'abc.def' }, PLACE, CONTEXT), 'cursor', /tampered/)
    fault(() => parseEventsQuery({ bbox: '1,2,3,4' }, PLACE, CONTEXT), 'bbox', /not a parameter here/)
    fault(() => parseSummaryQuery({ from: '2026-01-01T00:00:00Z', to: '2026-11-19T00:00:00Z' }, { now: NOW }), 'from', /at most 90/)
  })

  it('CON-3 a later page keeps the first page\'s clock: a named window does not slide between pages', () => {
    const first = parseEventsQuery({ window: '1h', layer: 'complaints' }, PLACE, CONTEXT)
    const cursor = signCursor({ as_of: NOW.toISOString(), max_id: '500', at: '2026-11-25T02:30:00.000Z', id: '42', key: first.page.key }, CONTEXT.secret)
    const later = parseEventsQuery({ layer: 'complaints', window: '1h', cursor }, PLACE, { ...CONTEXT, now: new Date(NOW.getTime() + 600_000) })
    assert.deepEqual(later.range, first.range)
    assert.deepEqual(later.page.after, { at: new Date('2026-11-25T02:30:00Z'), id: '42' })
    assert.equal(later.page.maxId, '500')
    fault(() => parseEventsQuery({ layer: 'mentions', window: '1h', cursor }, PLACE, CONTEXT), 'cursor', /another query/)
    fault(() => parseEventsQuery({ layer: 'complaints', window: '1h', cursor }, { kind: 'unit', code: 'D1' }, CONTEXT), 'cursor', /another query/)
  })
})
