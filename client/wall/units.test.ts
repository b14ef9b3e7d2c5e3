import { test } from 'vitest'
import assert from 'node:assert/strict'
import type { Unit } from '../map/boundaries'
import type { Bbox } from '../map/geo'
import { childUnits, findUnit, placeName, rankUnits, scopeBbox, topUnits } from './units'

const unit = (code: string, level: string, parent_code: string | null, bbox: Bbox): Unit => ({
  code, level, name: `${level} ${code}`, name_ascii: code, parent_code, bbox, label: [bbox[0], bbox[1]],
  geometry: { type: 'Polygon', coordinates: [[[bbox[0], bbox[1]], [bbox[2], bbox[1]], [bbox[2], bbox[3]], [bbox[0], bbox[1]]]] },
})

// Districts with wards, and a unit whose parent was never imported: it is a top unit as well.
const withDistricts = [
  unit('760', 'district', null, [0, 0, 2, 2]),
  unit('770', 'district', null, [2, 0, 4, 2]),
  unit('26734', 'ward', '760', [0, 0, 1, 1]),
  unit('26740', 'ward', '760', [1, 0, 2, 1]),
  unit('27127', 'ward', '770', [2, 0, 3, 1]),
  unit('X1', 'zone', 'NOT-IMPORTED', [5, 5, 6, 6]),
]
// Since July 2025: ward-level units only, whatever the level is called.
const communesOnly = [unit('26734', 'commune', null, [0, 0, 1, 1]), unit('26740', 'commune', null, [1, 0, 2, 1])]

test('the top units are those with no loaded parent, at any level', () => {
  assert.deepEqual(topUnits(withDistricts).map((u) => u.code), ['760', '770', 'X1'])
  assert.deepEqual(topUnits(communesOnly).map((u) => u.code), ['26734', '26740'])
})

test('a scope is framed by its own unit at any level, the city by its top units', () => {
  assert.deepEqual(scopeBbox('city', withDistricts), [0, 0, 6, 6])
  assert.deepEqual(scopeBbox('26740', withDistricts), [1, 0, 2, 1])
  assert.deepEqual(scopeBbox('26740', communesOnly), [1, 0, 2, 1])
  assert.deepEqual(scopeBbox('city', communesOnly), [0, 0, 2, 1])
  assert.equal(scopeBbox('nowhere', withDistricts), null)
  assert.equal(scopeBbox('city', []), null)
})

test('child units follow the parent chain: the city visits its top units, a unit its children', () => {
  assert.deepEqual(childUnits('city', withDistricts).map((u) => u.code), ['760', '770', 'X1'])
  assert.deepEqual(childUnits('760', withDistricts).map((u) => u.code), ['26734', '26740'])
  assert.deepEqual(childUnits('26734', withDistricts), [])
  assert.deepEqual(childUnits('city', communesOnly).map((u) => u.code), ['26734', '26740'])
  assert.equal(findUnit('27127', withDistricts)?.level, 'ward')
})

test('units are ranked by the server totals of the layers shown; a unit the server did not list has none', () => {
  const totals = [
    { unit: '760', counts: { complaints: 5, mentions: 2 } },
    { unit: '770', counts: { mentions: 9 } },
    { unit: '26734', counts: { complaints: 5 } },
  ]
  const ranked = (layers: Array<'complaints' | 'mentions'>) => Object.fromEntries(rankUnits(childUnits('city', withDistricts), totals, layers).map((r) => [r.code, r.total]))
  assert.deepEqual(ranked(['complaints']), { 760: 5, 770: 0, X1: 0 })
  assert.deepEqual(ranked(['complaints', 'mentions']), { 760: 7, 770: 9, X1: 0 })
  assert.deepEqual(rankUnits(communesOnly, totals, ['complaints'])[0], { code: '26734', name: 'commune 26734', bbox: [0, 0, 1, 1], total: 5 })
})

test('WALL-4 a ticker line names the finest unit the wall knows with the unit above it', () => {
  const names = new Map([['760', 'Quận 1'], ['26743', 'Phường Bến Thành'], ['770', 'Quận 10'], ['27250', 'Phường 3'], ['HCM', 'TP. Hồ Chí Minh']])
  assert.equal(placeName(['770', '27250'], names), 'Phường 3, Quận 10')
  assert.equal(placeName(['760', '26743'], names), 'Phường Bến Thành, Quận 1')
  assert.equal(placeName(['760', '99999'], names), 'Quận 1', 'a ward the wall has no name for: its district')
  assert.equal(placeName(['26743'], names), 'Phường Bến Thành', 'a city with one level')
  assert.equal(placeName(['HCM', '760', '26743'], names), 'Phường Bến Thành, Quận 1', 'two names at most')
  assert.equal(placeName([], names), null)
})
