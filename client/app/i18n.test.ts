import { test } from 'vitest'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { allKeys, formatAgo, formatClock, formatEventTime, messagesFor, parseLocale, translate, type MessageKey } from './i18n'
import { routeOf } from './routes'
import { DEGRADED_REASONS } from '../../server/core/protocol'

test('Vietnamese is the default and every key has both languages with the same placeholders', () => {
  assert.equal(parseLocale(null), 'vi')
  assert.equal(parseLocale('fr'), 'vi')
  assert.equal(parseLocale('en'), 'en')
  const vi = messagesFor('vi')
  const en = messagesFor('en')
  for (const key of allKeys()) {
    assert.ok(en[key], key)
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join()
    assert.equal(ph(vi[key]), ph(en[key]), key)
  }
})

test('every key used by client components exists', () => {
  const root = path.resolve(import.meta.dirname, '..')
  const files: string[] = []
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const f = path.join(d, n)
      if (statSync(f).isDirectory()) walk(f)
      else if (f.endsWith('.svelte')) files.push(f)
    }
  }
  walk(root)
  const keys = new Set<string>(allKeys())
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/locale\.t\('([\w.]+)'/g)) assert.ok(keys.has(m[1]!), `${path.basename(f)} uses ${m[1]}`)
  }
})

test('placeholders are filled; the clock is in Asia/Ho_Chi_Minh (UTC+7) whatever the machine zone', () => {
  assert.equal(translate('vi', 'fresh.updated' as MessageKey, { n: 5 }), 'cập nhật 5 giây trước')
  assert.equal(formatClock('vi', Date.UTC(2026, 10, 24, 1, 2, 3)), '08:02:03')
  assert.equal(formatAgo('en', 150), '2 min ago')
})

test('routes: /wall, /console, /briefing', () => {
  assert.equal(routeOf('/wall'), 'wall')
  assert.equal(routeOf('/wall/'), 'wall')
  assert.equal(routeOf('/console'), 'console')
  assert.equal(routeOf('/briefing'), 'briefing')
  assert.equal(routeOf('/nope'), 'not-found')
})

const NOW = Date.UTC(2026, 10, 24, 2, 41) // 09:41 on 24/11 in Ho Chi Minh City

test('formatEventTime shows only the time for an event of today (Ho Chi Minh City days)', () => {
  assert.equal(formatEventTime('vi', Date.UTC(2026, 10, 23, 17, 5), NOW), '00:05')
})

test('formatEventTime shows the date for an event of another day', () => {
  assert.equal(formatEventTime('vi', Date.UTC(2026, 10, 23, 3, 38), NOW), '23/11 10:38')
  assert.equal(formatEventTime('en', Date.UTC(2026, 10, 23, 16, 59), NOW), '23/11 23:59')
})

test('LIVE-12 every reason a server gives for incomplete figures has its banner in both languages', () => {
  const keys = new Set<string>(allKeys())
  for (const reason of DEGRADED_REASONS) assert.ok(keys.has(`incomplete.${reason}`), reason)
})
