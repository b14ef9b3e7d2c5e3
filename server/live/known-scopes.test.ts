import assert from 'node:assert/strict'
import { test } from 'vitest'
import { knownScopes } from './known-scopes'

test('LIVE-9 a flood of made-up scopes costs one load per period; a boundary imported later is found after it', async () => {
  let now = 0
  const stored = ['760', '26734']
  let loads = 0
  const isKnown = knownScopes(async () => (loads++, [...stored]), { now: () => new Date(now) }, 5000)
  assert.equal(await isKnown('760'), true)
  const answers = await Promise.all(Array.from({ length: 10_000 }, (_, i) => isKnown(`NOWHERE-${i}`)))
  assert.ok(answers.every((known) => !known))
  assert.equal(loads, 1, 'one query for 10,001 subscribes')
  stored.push('27000')
  now = 4999
  assert.equal(await isKnown('27000'), false, 'not yet reloaded')
  now = 5000
  assert.equal(await isKnown('27000'), true, 'found once the period is over')
  assert.equal(loads, 2)
})
