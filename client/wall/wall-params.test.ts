import { test } from 'vitest'
import assert from 'node:assert/strict'
import { parseWallParams } from './wall-params'

test('the issue example: one district, both layers, 24 h', () => {
  const p = parseWallParams('?scope=760&layers=complaints,mentions&window=24h')
  assert.deepEqual([p.scope, p.layers, p.window, p.layout], ['760', ['complaints', 'mentions'], '24h', 'split'])
})

test('defaults: the whole city, both layers side by side, 30 s rotation through every step, overdue cells shown', () => {
  const p = parseWallParams('')
  assert.deepEqual([p.scope, p.layers, p.window, p.layout, p.rotateSeconds, p.playlist, p.extrude, p.overdue, p.basemap], ['city', ['complaints', 'mentions'], '24h', 'split', 30, ['overview', 'units', 'top', 'performance'], false, true, null])
})

test('WALL-5 overdue=0 starts with the overdue layer hidden; anything else keeps it', () => {
  assert.equal(parseWallParams('?overdue=0').overdue, false)
  assert.equal(parseWallParams('?overdue=1').overdue, true)
  assert.equal(parseWallParams('?overdue=maybe').overdue, true)
})

test('invalid values fall back instead of breaking an unattended screen', () => {
  const p = parseWallParams('?scope=<script>&layers=foo&window=2y&rotate=-3&units=999')
  assert.deepEqual([p.scope, p.layers.length, p.window, p.rotateSeconds, p.units], ['city', 2, '24h', 5, 50])
})

test('one layer is a single map; rotate=0 stops the playlist; playlist order is kept', () => {
  const p = parseWallParams('?layers=mentions&rotate=0&playlist=top,overview&extrude=1')
  assert.deepEqual([p.layers, p.layout, p.rotateSeconds, p.playlist, p.extrude], [['mentions'], 'single', 0, ['top', 'overview'], true])
})
