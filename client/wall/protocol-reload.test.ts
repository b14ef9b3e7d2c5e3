import { test } from 'vitest'
import assert from 'node:assert/strict'
import { nextReloadAt, parseLastReload, protocolReloadAt, PROTOCOL_RELOAD_BACKOFF_MS, PROTOCOL_RELOAD_KEY, type ReloadMemory } from './protocol-reload'

const t0 = 1_700_000_000_000
const backoff = PROTOCOL_RELOAD_BACKOFF_MS

test('LIVE-10 the first refusal reloads at once: the new bundle is most likely already served', () => {
  assert.equal(nextReloadAt(t0, null), t0)
})

test('LIVE-10 a refusal again soon after a reload waits until a back-off after that reload', () => {
  assert.equal(nextReloadAt(t0 + 2_000, t0), t0 + backoff)
  assert.equal(nextReloadAt(t0 + backoff - 1, t0), t0 + backoff)
})

test('LIVE-10 once the back-off has passed since the last reload, the next refusal reloads at once', () => {
  assert.equal(nextReloadAt(t0 + backoff, t0), t0 + backoff)
  assert.equal(nextReloadAt(t0 + 10 * backoff, t0), t0 + 10 * backoff)
})

test('LIVE-10 however often the server refuses, reloads are at least a back-off apart', () => {
  let last: number | null = null
  const reloads: number[] = []
  // A screen refused every 700 ms for ten minutes: every refusal asks when it may reload.
  for (let now = t0; now < t0 + 600_000; now += 700) {
    const at = nextReloadAt(now, last)
    if (at <= now) {
      reloads.push(now)
      last = now
    }
  }
  assert.ok(reloads.length >= 600_000 / backoff - 1, `${reloads.length} reloads: the screen still tries again`)
  for (let i = 1; i < reloads.length; i++) assert.ok(reloads[i]! - reloads[i - 1]! >= backoff, `reloads ${reloads[i - 1]} and ${reloads[i]} too close`)
})

test('LIVE-10 a last reload in the future (the clock was set back) does not hold the screen', () => {
  assert.equal(nextReloadAt(t0, t0 + 3_600_000), t0)
})

test('LIVE-10 only a stored instant counts as a last reload', () => {
  assert.equal(parseLastReload(String(t0)), t0)
  for (const stored of [null, '', 'soon', '-5', '1e12', '12.5', ' 17', '9'.repeat(16)]) assert.equal(parseLastReload(stored), null, JSON.stringify(stored))
})

/** sessionStorage's contract on a Map (node has no sessionStorage). */
function memory(): ReloadMemory & { values: Map<string, string> } {
  const values = new Map<string, string>()
  return { values, getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) }
}

test('LIVE-10 a page refused at once reloads and remembers it; refused again after reloading, it waits out the back-off, then reloads', () => {
  const tab = memory()
  assert.equal(protocolReloadAt(tab, t0), t0)
  assert.equal(tab.values.get(PROTOCOL_RELOAD_KEY), String(t0))
  // The reloaded page is refused again 3 s later: it waits, and remembers nothing new.
  assert.equal(protocolReloadAt(tab, t0 + 3_000), t0 + backoff)
  assert.equal(tab.values.get(PROTOCOL_RELOAD_KEY), String(t0))
  // Its timer fires at the back-off: now it reloads, and that reload is the one remembered.
  assert.equal(protocolReloadAt(tab, t0 + backoff), t0 + backoff)
  assert.equal(tab.values.get(PROTOCOL_RELOAD_KEY), String(t0 + backoff))
})

test('LIVE-10 a storage that cannot remember (disabled or full) makes the page wait a back-off rather than reload at once', () => {
  const full: ReloadMemory = { getItem: () => null, setItem: () => { throw new DOMException('quota', 'QuotaExceededError') } }
  assert.equal(protocolReloadAt(full, t0), t0 + backoff)
  const forgetful: ReloadMemory = { getItem: () => null, setItem: () => {} }
  assert.equal(protocolReloadAt(forgetful, t0), t0 + backoff)
  const denied: ReloadMemory = { getItem: () => { throw new DOMException('denied', 'SecurityError') }, setItem: () => {} }
  assert.equal(protocolReloadAt(denied, t0), t0 + backoff)
})
