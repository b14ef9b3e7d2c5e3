import { test } from 'vitest'
import assert from 'node:assert/strict'
import { DEFAULT_KEY, DEFAULT_URL, parseSimulateArgs, summaryLine } from './cli-options'

const defaults = { key: undefined, seed: 42 }

test('defaults: local server, dev key, 10 live minutes, no backfill, the seed given', () => {
  assert.deepEqual(parseSimulateArgs([], defaults), {
    options: { url: DEFAULT_URL, key: DEFAULT_KEY, ratePerMinute: 80, minutes: 10, backfillHours: 0, seed: 42, batchSize: 1000, dryRun: false },
  })
  const parsed = parseSimulateArgs([], { key: 'from-env', seed: 1 })
  assert.ok('options' in parsed && parsed.options.key === 'from-env')
})

test('flags override the defaults; a trailing slash on the URL is dropped', () => {
  const parsed = parseSimulateArgs(
    ['--url', 'http://wall:9000/', '--key', 'k', '--rate', '120', '--minutes', '0', '--backfill-hours', '2.5', '--seed', '7', '--batch', '500', '--dry-run'],
    defaults,
  )
  assert.deepEqual(parsed, {
    options: { url: 'http://wall:9000', key: 'k', ratePerMinute: 120, minutes: 0, backfillHours: 2.5, seed: 7, batchSize: 500, dryRun: true },
  })
  assert.deepEqual(parseSimulateArgs(['-h'], defaults), { help: true })
})

test('bad values are refused with the flag named and the rule to follow', () => {
  const error = (argv: string[]) => {
    const parsed = parseSimulateArgs(argv, defaults)
    return 'error' in parsed ? parsed.error : ''
  }
  assert.match(error(['--rate', '0']), /--rate "0" must be a number of events per minute/)
  assert.match(error(['--rate', 'fast']), /--rate "fast"/)
  assert.match(error(['--minutes', '-1']), /--minutes/)
  assert.match(error(['--seed', '1.5']), /--seed "1.5" must be a whole number/)
  assert.match(error(['--url', 'wall:8080']), /must start with http/)
  assert.match(error(['--speed', '2']), /speed/)
})

test('the summary line reads like a sentence with thousands separators', () => {
  const totals = { sent: 12_345, accepted: 12_300, duplicates: 45, rejected: 0, undelivered: 0 }
  assert.equal(summaryLine(totals, 62.6), 'sent 12,345 events: 12,300 accepted, 45 duplicates, 0 rejected in 63 s')
  assert.match(summaryLine({ ...totals, undelivered: 2000 }, 1), /; 2,000 not delivered$/)
})
