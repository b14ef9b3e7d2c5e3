import { test } from 'vitest'
import assert from 'node:assert/strict'
import { latLngToCell } from 'h3-js'
import { DEFAULT_STATE, filterEntries, parseConsoleState, rangeProblem, serialiseConsoleState, type ConsoleState } from './console-state'

const cell = latLngToCell(10.776, 106.7, 8)

test('CON-UI-2: a bare /console is the default view and serialises to an empty query', () => {
  assert.deepEqual(parseConsoleState(''), DEFAULT_STATE)
  assert.equal(serialiseConsoleState(DEFAULT_STATE), '')
})

test('CON-UI-2: the whole view survives serialise → parse (place, filters, custom range, search, replay, speed, language)', () => {
  const state: ConsoleState = {
    place: { kind: 'cell', id: cell },
    filters: {
      layers: ['complaints'],
      categories: ['flooding', 'traffic'],
      sources: ['hotline_1022'],
      statuses: ['open', 'reopened'],
      sentiments: ['negative'],
      span: { kind: 'range', from: '2026-11-01T00:00:00.000Z', to: '2026-11-20T12:00:00.000Z' },
    },
    q: 'ngap nuoc',
    replayAt: Date.parse('2026-11-25T07:35:00Z'),
    speed: 3600,
    lang: 'en',
  }
  const query = serialiseConsoleState(state)
  assert.equal(
    query,
    'cell=' + cell + '&layer=complaints&category=flooding%2Ctraffic&source=hotline_1022&status=open%2Creopened&sentiment=negative&from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-20T12%3A00%3A00.000Z&q=ngap+nuoc&replay=2026-11-25T07%3A35%3A00.000Z&speed=3600&lang=en',
  )
  assert.deepEqual(parseConsoleState(`?${query}`), state)
  const unit = { ...state, place: { kind: 'unit' as const, id: '760' }, filters: { ...state.filters, span: { kind: 'window' as const, window: '7d' as const } } }
  assert.deepEqual(parseConsoleState(serialiseConsoleState(unit)), unit)
})

test('CON-UI-2: unreadable values fall back to their defaults instead of failing the page', () => {
  const state = parseConsoleState('?cell=zzz&layer=bogus&status=nope&sentiment=angry&window=2h&speed=7&replay=yesterday&lang=fr')
  assert.deepEqual(state, DEFAULT_STATE)
  // A cell outside the map's resolutions is no place.
  assert.equal(parseConsoleState(`?cell=${latLngToCell(10.776, 106.7, 4)}`).place, null)
  // A custom range the server would refuse (over 90 days, reversed, without a zone) is the default window.
  for (const range of ['from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z', 'from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z', 'from=2026-11-01T00:00:00&to=2026-11-02T00:00:00'])
    assert.deepEqual(parseConsoleState(`?${range}`).filters.span, { kind: 'window', window: '24h' }, range)
})

test('CON-UI-2: a custom range is checked as the server checks it: both ends with a zone, in order, at most 90 days', () => {
  assert.equal(rangeProblem('2026-11-01T00:00:00+07:00', '2026-11-02T00:00:00+07:00'), null)
  assert.equal(rangeProblem('2026-11-01T00:00:00', '2026-11-02T00:00:00Z'), 'missing')
  assert.equal(rangeProblem('2026-11-03T00:00:00Z', '2026-11-02T00:00:00Z'), 'order')
  assert.equal(rangeProblem('2026-08-01T00:00:00Z', '2026-10-30T00:00:00Z'), null) // exactly 90 days
  assert.equal(rangeProblem('2026-08-01T00:00:00Z', '2026-10-30T00:00:01Z'), 'tooLong')
})

test('CON-UI-2: the filters become the contract\'s query parameters, defaults left out', () => {
  assert.deepEqual(filterEntries(DEFAULT_STATE.filters), [])
  assert.deepEqual(filterEntries({ ...DEFAULT_STATE.filters, layers: ['mentions'], span: { kind: 'window', window: '1h' } }), [
    ['layer', 'mentions'],
    ['window', '1h'],
  ])
})
