import { test } from 'vitest'
import assert from 'node:assert/strict'
import type { TickerItem } from '../../server/core/protocol'
import { MASK, maskPersonalData, mergeTicker, sanitizeTickerItem, TICKER_LIMIT } from './ticker'

const item = (id: string, at: string, text: string | null = 'x'): TickerItem => ({ id, kind: 'complaint', occurredAt: at, category: 'flooding', districtCode: '760', wardCode: null, cell: null, text })

test('phone numbers and e-mail addresses are masked even inside the text', () => {
  const cases = [
    'gọi 0903 123 456 ngay',
    'gọi 0903.123.456',
    'sđt +84 903 123 456',
    'số 0283-8221-234 nhé',
    'mail nguyen.van.a@gmail.com giúp',
    'liên hệ trần_thị-b@so.hcm.gov.vn',
  ]
  for (const text of cases) {
    const out = maskPersonalData(text)
    assert.ok(out.includes(MASK), `${text} → ${out}`)
    assert.ok(!/(\d[\s.-]?){7,}/.test(out) && !/@/.test(out), `${text} → ${out}`)
  }
  assert.equal(maskPersonalData('Ngập 40cm tại Quận 1 lúc 7h30'), 'Ngập 40cm tại Quận 1 lúc 7h30', 'ordinary numbers stay')
})

test('only TickerItem fields survive sanitising: extra fields a server might send never reach the screen', () => {
  const raw = { ...item('1', '2026-11-24T08:00:00+07:00', 'a@b.vn'), contact: { name: 'Nguyễn Văn A', phone: '0903123456' }, reporter: 'Nguyễn Văn A' }
  const clean = sanitizeTickerItem(raw as TickerItem)
  assert.deepEqual(Object.keys(clean).sort(), ['category', 'cell', 'districtCode', 'id', 'kind', 'occurredAt', 'text', 'wardCode'])
  assert.equal(clean.text, MASK)
})

test('merge keeps newest first, drops duplicates and never grows beyond the limit', () => {
  let list: TickerItem[] = []
  for (let i = 0; i < 100; i++) list = mergeTicker(list, [item(String(i), new Date(Date.UTC(2026, 10, 24, 0, i)).toISOString())])
  assert.equal(list.length, TICKER_LIMIT)
  assert.equal(list[0]!.id, '99')
  list = mergeTicker(list, [item('99', list[0]!.occurredAt)])
  assert.equal(list.filter((i) => i.id === '99').length, 1)
})
