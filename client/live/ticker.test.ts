import { test } from 'vitest'
import assert from 'node:assert/strict'
import type { TickerItem } from '../../server/core/protocol'
import { maskPersonalData } from '../../server/core/privacy'
import { mergeTicker, sanitizeTickerItem, TICKER_LIMIT } from './ticker'

const item = (id: string, at: string, text: string | null = 'x'): TickerItem => ({ id, kind: 'complaint', occurredAt: at, category: 'flooding', units: ['760', '26743'], cell: null, text })

test('PRIV-1 the wall shows the text the server masked, and masks nothing of its own: amounts and dates stay', () => {
  const raw = 'Phạt 100.000.000 đồng ngày 24.11.2026, gọi anh Nguyễn Văn Nam 0903 123 456'
  const sent = maskPersonalData(raw)!
  assert.match(sent, /Phạt 100\.000\.000 đồng ngày 24\.11\.2026/, 'the server keeps amounts and dates')
  assert.doesNotMatch(sent, /0903|Nguyễn/, 'and masks the phone and the name')
  assert.equal(sanitizeTickerItem(item('1', '2026-11-24T08:00:00+07:00', sent)).text, sent, 'the wall shows exactly that')
})

test('only TickerItem fields survive sanitising: extra fields a server might send never reach the screen', () => {
  const raw = { ...item('1', '2026-11-24T08:00:00+07:00'), contact: { name: 'Nguyễn Văn A', phone: '0903123456' }, reporter: 'Nguyễn Văn A' }
  const clean = sanitizeTickerItem(raw as TickerItem)
  assert.deepEqual(Object.keys(clean).sort(), ['category', 'cell', 'id', 'kind', 'occurredAt', 'text', 'units'])
  assert.deepEqual(clean.units, ['760', '26743'])
  assert.deepEqual(sanitizeTickerItem({ ...raw, units: undefined } as unknown as TickerItem).units, [], 'no units: none')
})

test('merge keeps newest first, drops duplicates and never grows beyond the limit', () => {
  let list: TickerItem[] = []
  for (let i = 0; i < 100; i++) list = mergeTicker(list, [item(String(i), new Date(Date.UTC(2026, 10, 24, 0, i)).toISOString())])
  assert.equal(list.length, TICKER_LIMIT)
  assert.equal(list[0]!.id, '99')
  list = mergeTicker(list, [item('99', list[0]!.occurredAt)])
  assert.equal(list.filter((i) => i.id === '99').length, 1)
})
