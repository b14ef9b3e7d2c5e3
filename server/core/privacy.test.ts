import assert from 'node:assert/strict'
import { test } from 'vitest'
import { MASK, maskPersonalData } from './privacy'

const cases: Array<[rule: string, input: string, expected: string]> = [
  ['PRIV-1 mobile with spaces', 'Gọi 0903 123 456 để biết thêm', `Gọi ${MASK} để biết thêm`],
  ['PRIV-1 mobile without separators', 'sđt:0903123456.', `sđt:${MASK}.`],
  ['PRIV-1 +84 international form', 'liên hệ +84 90 312 3456 nhé', `liên hệ ${MASK} nhé`],
  ['PRIV-1 +84 without spaces', '(+84903123456)', `(${MASK})`],
  ['PRIV-1 landline with dots and x', 'tổng đài 028.3829.xxxx hỏng', `tổng đài ${MASK} hỏng`],
  ['PRIV-1 landline with area code in brackets', 'gọi (028) 3829 1234', `gọi ${MASK}`],
  ['PRIV-1 dashed mobile', 'số 090-312-3456', `số ${MASK}`],
  ['PRIV-1 foreign number', 'call +44 20 7946 0958 now', `call ${MASK} now`],
  ['PRIV-1 citizen id (12 digits from 0)', 'CCCD 079201001234', `CCCD ${MASK}`],
  ['PRIV-2 e-mail', 'email nguyen.van.a@gmail.com cho tôi', `email ${MASK} cho tôi`],
  ['PRIV-2 e-mail with digits and subdomain', 'x 0903123456@mail.hcm.gov.vn', `x ${MASK}`],
  ['PRIV-3 anh + full name', 'anh Nguyễn Văn Nam phản ánh ngập nước', `anh ${MASK} phản ánh ngập nước`],
  ['PRIV-3 chị + one-letter given name', 'Chị Trần Thị B ở hẻm 12', `Chị ${MASK} ở hẻm 12`],
  ['PRIV-3 ông at sentence start', 'Ông Lê Minh Tuấn báo cáo cây đổ', `Ông ${MASK} báo cáo cây đổ`],
  ['PRIV-3 bà, cô, chú', 'bà Hoa, cô Lan và chú Ba đều thấy', `bà ${MASK}, cô ${MASK} và chú ${MASK} đều thấy`],
  ['PRIV-3 English title', 'Mr. John Smith reported it', `Mr. ${MASK} reported it`],
  ['PRIV-4 street named after a person stays', 'ngập ở đường Cô Giang, quận 1', 'ngập ở đường Cô Giang, quận 1'],
  ['PRIV-4 market named after a person stays', 'rác ở chợ Bà Chiểu', 'rác ở chợ Bà Chiểu'],
  ['PRIV-5 tên là', 'tôi tên là Phạm Thu Hà, nhà bị ngập', `tôi tên là ${MASK}, nhà bị ngập`],
  ['PRIV-5 họ tên:', 'Họ tên: Võ Thị Sáu - SĐT 0912 345 678', `Họ tên: ${MASK} - SĐT ${MASK}`],
  ['PRIV-5 lowercase name after tên là', 'tên là hùng', `tên là ${MASK}`],
  ['PRIV-5 my name is', 'my name is Anna Lee', `my name is ${MASK}`],
]

for (const [rule, input, expected] of cases) {
  test(`${rule}: ${input}`, () => assert.equal(maskPersonalData(input), expected))
}

test('PRIV-1 amounts, dates, times and house numbers are not phone numbers', () => {
  const text = 'Phạt 100.000.000 đồng ngày 2026-11-24 lúc 08:30, nhà số 123/45, mã hồ sơ 2024001'
  assert.equal(maskPersonalData(text), text)
})

test('PRIV-3 a lowercase word after an honorific is not a name', () => {
  const text = 'anh em trong xóm đều bức xúc vì ông bà già bị ảnh hưởng'
  assert.equal(maskPersonalData(text), text)
})

test('PRIV-6 decomposed Vietnamese (NFD) is masked like composed text', () => {
  assert.equal(maskPersonalData('anh Nguyễn Văn Nam'.normalize('NFD')), `anh ${MASK}`)
})

test('PRIV-6 null stays null and plain text is unchanged', () => {
  assert.equal(maskPersonalData(null), null)
  assert.equal(maskPersonalData('Đèn giao thông hỏng ở ngã tư'), 'Đèn giao thông hỏng ở ngã tư')
})

test('PRIV-7 hostile shapes are still masked right: an address at the end of a 4,000-letter run, phones after a long run of digits', () => {
  const run = 'a'.repeat(4000)
  assert.equal(maskPersonalData(`${run}@gmail.com`), MASK)
  assert.equal(maskPersonalData(`${run} hỏi nam@gmail.com`), `${run} hỏi ${MASK}`)
  assert.equal(maskPersonalData(`${'a.'.repeat(2000)}`), 'a.'.repeat(2000), 'no address, nothing masked')
  assert.equal(maskPersonalData(`${'0'.repeat(4000)} gọi 0903 123 456`), `${'0'.repeat(4000)} gọi ${MASK}`)
})
