import { test } from 'vitest'
import assert from 'node:assert/strict'
import { createRandom } from './prng'
import { callerDetails, decorateMention, phoneNumber, renderTemplate, spokenTime, withRoadNoun, writtenTime } from './compose-text'
import { COMPLAINT_TEXTS, MENTION_TEXTS, RAIN_COMPLAINT_TEXTS, RAIN_MENTION_TEXTS } from './texts'

const place = { street: 'Nguyễn Huệ', street2: 'Lê Lợi', ward: 'phường Bến Nghé', district: 'quận 1', districtShort: 'Q1' }
const at = (local: string) => Date.parse(`2026-06-10T${local}+07:00`)

test('every template renders with no slot left, whatever the draw', () => {
  const random = createRandom(3)
  for (const table of [COMPLAINT_TEXTS, MENTION_TEXTS, RAIN_COMPLAINT_TEXTS, RAIN_MENTION_TEXTS]) {
    for (const [category, templates] of Object.entries(table)) {
      for (const template of templates) {
        for (let i = 0; i < 5; i++) {
          const text = decorateMention(renderTemplate(template, place, at('08:10:00'), random), category, random)
          assert.doesNotMatch(text, /[{}]|\s{2}|\s[,.]/, text)
        }
      }
    }
  }
})

test('highways keep their own noun; streets get "đường"', () => {
  assert.equal(withRoadNoun('Quốc lộ 1A'), 'Quốc lộ 1A')
  assert.equal(withRoadNoun('Xa lộ Hà Nội'), 'Xa lộ Hà Nội')
  assert.equal(withRoadNoun('Lê Lợi'), 'đường Lê Lợi')
})

test('times are said and written in city time whatever TZ the process has', () => {
  assert.equal(spokenTime(at('07:40:00')), 'khoảng 7 giờ sáng')
  assert.equal(spokenTime(at('17:05:00')), 'khoảng 5 giờ chiều')
  assert.equal(spokenTime(at('23:30:00')), 'khoảng 11 giờ đêm')
  assert.equal(writtenTime(at('17:40:00')), '17h30')
  assert.equal(writtenTime(at('07:05:00')), '7h')
})

test('phone numbers have 10 digits like Vietnamese mobiles; caller details name a person', () => {
  const random = createRandom(9)
  for (let i = 0; i < 200; i++) {
    assert.match(phoneNumber(random).replace(/[ .]/g, ''), /^0[3-9]\d{8}$/)
    assert.match(callerDetails(random), /^ \S.*\d{3}.*\.$/)
  }
})
