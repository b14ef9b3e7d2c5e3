/** Fills the simulator's text templates. Pure: every choice comes from the Random passed in. */
import { chance, intBetween, pick, type Random } from './prng'
import { localTime } from './rhythm'
import {
  CALLERS, CONTACT_FORMS, DEPTHS, EMOJIS, FAMILY_NAMES, HASHTAGS, LATE, MENTION_OPENERS,
  PHONE_PREFIXES, SINCE, WADES,
} from './texts'

export interface Place {
  street: string
  street2: string
  ward: string
  district: string
  districtShort: string
}

/** Highways and boulevards carry their own noun; ordinary streets take "đường". */
export function withRoadNoun(street: string): string {
  return /^(Quốc lộ|Tỉnh lộ|Xa lộ|Đại lộ) /.test(street) ? street : `đường ${street}`
}

/** "khoảng 7 giờ sáng", "khoảng 5 giờ chiều": how an operator notes the time of a call. */
export function spokenTime(ms: number): string {
  const { hour } = localTime(ms)
  const period = hour < 5 ? 'sáng' : hour < 11 ? 'sáng' : hour < 13 ? 'trưa' : hour < 18 ? 'chiều' : hour < 22 ? 'tối' : 'đêm'
  const twelve = hour === 0 ? 12 : hour > 12 ? hour - 12 : hour
  return `khoảng ${twelve} giờ ${period}`
}

/** "7h", "17h30": how people write the time in a post. */
export function writtenTime(ms: number): string {
  const { hour, minute } = localTime(ms)
  const quarter = Math.floor(minute / 15) * 15
  return quarter === 0 ? `${hour}h` : `${hour}h${quarter}`
}

function houseNumber(random: Random): string {
  const base = intBetween(random, 2, 480)
  if (chance(random, 0.25)) return `${base}/${intBetween(random, 1, 40)}`
  if (chance(random, 0.1)) return `${base}${pick(random, ['A', 'B', 'C'])}`
  return String(base)
}

/** A Vietnamese mobile number in one of the ways people dictate it. */
export function phoneNumber(random: Random): string {
  const prefix = pick(random, PHONE_PREFIXES)
  const digits = String(intBetween(random, 0, 9_999_999)).padStart(7, '0')
  const a = prefix + digits[0]
  const b = digits.slice(1, 4)
  const c = digits.slice(4)
  return pick(random, [`${a} ${b} ${c}`, `${a}.${b}.${c}`, `${a}${b}${c}`])
}

export function callerDetails(random: Random): string {
  const caller = pick(random, CALLERS)
  const title = pick(random, caller.titles)
  const given = pick(random, caller.names)
  const fullname = `${pick(random, FAMILY_NAMES)} ${pick(random, caller.middles)} ${given}`
  return fill(pick(random, CONTACT_FORMS), {
    title,
    Title: title[0]!.toUpperCase() + title.slice(1),
    given,
    fullname,
    phone: phoneNumber(random),
  })
}

function fill(template: string, slots: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => slots[name] ?? whole)
}

/** Renders one template for a place and instant; leaves no slot unfilled. */
export function renderTemplate(template: string, place: Place, ms: number, random: Random): string {
  const slots: Record<string, string> = {
    duong: withRoadNoun(place.street),
    street: place.street,
    street2: place.street2,
    num: houseNumber(random),
    ward: place.ward,
    district: place.district,
    dshort: place.districtShort,
    time: spokenTime(ms),
    h: writtenTime(ms),
    since: pick(random, SINCE),
    late: pick(random, LATE),
    depth: pick(random, DEPTHS),
    wade: pick(random, WADES),
    mins: String(pick(random, [10, 15, 20, 30])),
    emoji: chance(random, 0.6) ? pick(random, EMOJIS) : '',
  }
  const text = fill(template, slots)
  const unfilled = /\{\w+\}/.exec(text)
  if (unfilled) throw new Error(`simulator template has an unknown slot ${unfilled[0]}: ${template}`)
  return tidy(text)
}

/** Social posts: sometimes an opener, sometimes a hashtag, never a template's leftover spaces. */
export function decorateMention(text: string, category: string, random: Random): string {
  let out = text
  if (chance(random, 0.15)) {
    out = pick(random, MENTION_OPENERS) + lowerFirstWordUnlessName(text)
  }
  if (chance(random, 0.2) && !out.includes('#')) out += ' ' + pick(random, HASHTAGS[category] ?? HASHTAGS.default ?? [])
  return tidy(out)
}

const COMMON_FIRST_WORDS = new Set(['Kẹt', 'Ai', 'Đèn', 'Ổ', 'Đường', 'Mới', 'Hẻm', 'Rác', 'Sáng', 'Kênh', 'Hàng', 'Loa', 'Công', 'Bụi', 'Mùi', 'Cúp', 'Nước', 'Bể', 'Khu', 'Trụ', 'Mất', 'Dây', 'Rào', 'Đất', 'Vỉa', 'Quán', 'Gạch', 'Đua', 'Cảnh', 'Đánh', 'Xóm', 'Cây', 'Nhánh', 'Cống', 'Nắp', 'Làm', 'Nộp', 'Muỗi', 'Ăn', 'Chó', 'Có', 'Bảng', 'Triều', 'Trời', 'Nhà', 'Từ', 'Va', 'Mưa', 'Năm', 'Vừa'])

/** After an opener the first word is lower-cased, unless it starts a name ("Sài Gòn", a street). */
function lowerFirstWordUnlessName(text: string): string {
  const first = text.split(' ', 1)[0] ?? ''
  if (!COMMON_FIRST_WORDS.has(first)) return text
  return text[0]!.toLowerCase() + text.slice(1)
}

function tidy(text: string): string {
  return text.replace(/\s+([,.?!:;)])/g, '$1').replace(/\s{2,}/g, ' ').trim().normalize('NFC')
}
