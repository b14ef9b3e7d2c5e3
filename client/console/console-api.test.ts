import { test } from 'vitest'
import assert from 'node:assert/strict'
import { DEFAULT_FILTERS } from './console-state'
import { eventsPath, histogramPath, replayPath, searchPath, summaryPath } from './console-api'

const filters = { ...DEFAULT_FILTERS, layers: ['complaints' as const], categories: ['flooding'], statuses: ['open' as const], span: { kind: 'window' as const, window: '1h' as const } }

test('CON-UI-3: the place reads ask the contract\'s routes with the filters; paging adds the cursor', () => {
  assert.equal(eventsPath({ kind: 'unit', id: '760' }, DEFAULT_FILTERS, null), '/api/v1/units/760/events?limit=50')
  assert.equal(
    eventsPath({ kind: 'cell', id: '8865b1b6a3fffff' }, filters, 'abc.def'),
    '/api/v1/cells/8865b1b6a3fffff/events?layer=complaints&category=flooding&status=open&window=1h&limit=50&cursor=abc.def',
  )
  // The histogram is always the last 24 h in 15-minute buckets; only layer and category narrow it.
  assert.equal(histogramPath({ kind: 'unit', id: '760' }, filters), '/api/v1/units/760/histogram?bucket=15m&window=24h&layer=complaints&category=flooding')
  assert.equal(summaryPath({ kind: 'unit', id: '760' }, filters), '/api/v1/units/760/summary?window=1h')
  assert.equal(summaryPath({ kind: 'unit', id: '760' }, DEFAULT_FILTERS), '/api/v1/units/760/summary')
})

test('CON-UI-4: a search asks /api/v1/search with the words as typed', () => {
  assert.equal(searchPath('ngập nước', null), '/api/v1/search?q=ng%E1%BA%ADp+n%C6%B0%E1%BB%9Bc&limit=50')
  assert.equal(searchPath('x', 'c1'), '/api/v1/search?q=x&limit=50&cursor=c1')
})

test('CON-UI-5: replay frames are asked for the city at the map resolution, every 5 min, each over the hour before it', () => {
  assert.equal(
    replayPath({ from: Date.parse('2026-11-24T09:35:00Z'), to: Date.parse('2026-11-25T09:35:00Z') }, 7, ['complaints', 'mentions']),
    '/api/v1/replay?scope=city&res=7&from=2026-11-24T09%3A35%3A00.000Z&to=2026-11-25T09%3A35%3A00.000Z&step=5m&window=1h&layer=complaints%2Cmentions',
  )
})
