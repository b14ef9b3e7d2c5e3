/**
 * Masks personal data in free text before it reaches a screen (PRIV-1…PRIV-5). Pure.
 * Errs towards masking: a hidden street name costs less than a shown phone number.
 */
export const MASK = '***'

/**
 * The local part starts where a run of its characters starts (the lookbehind): tried from every
 * character of a long run, the pattern would cost the square of the run's length (PRIV-7).
 */
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu

/**
 * Phone-like runs: digits (or x as in "028.3829.xxxx") with spaces, dots, dashes or brackets.
 * Only runs that start like a phone number (+, 0, (0, 84) are candidates, so amounts such as
 * "100.000.000 đồng" and dates are left alone; a candidate needs 9–15 digits (PRIV-1).
 */
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}])(?:\+\s?\d|\(\s?0|0\d|84\d)[\dxX\s.\-()]{6,22}[\dxX]/gu

/** Vietnamese kinship terms used as honorifics, and English titles (PRIV-3). */
const HONORIFICS = ['anh', 'chị', 'ông', 'bà', 'cô', 'chú', 'bác', 'em', 'cậu', 'dì', 'mr.', 'mr', 'mrs.', 'mrs', 'ms.', 'ms', 'dr.', 'dr']
/** Words that make the next "honorific + Name" a place, as in "đường Cô Giang", "chợ Bà Chiểu" (PRIV-4). */
const PLACE_WORDS = new Set([
  'đường', 'phố', 'phường', 'chợ', 'cầu', 'hẻm', 'ngõ', 'kiệt', 'quận', 'huyện', 'xã', 'tỉnh', 'khu', 'bến', 'kênh',
  'rạch', 'trường', 'ngã', 'cống', 'lăng', 'đền', 'chùa', 'miếu', 'ấp', 'thị', 'street', 'st.', 'road', 'ward', 'district',
])

const WORD = String.raw`\p{Lu}[\p{L}\p{M}]*`
const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)
const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const HONORIFIC_NAME = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(${HONORIFICS.flatMap((h) => [h, capitalise(h)]).map(escape).join('|')})(\s+)(${WORD}(?:\s+${WORD}){0,4})`,
  'gu',
)
/** "tên là …", "tên tôi là …", "họ tên: …", "my name is …" (PRIV-5). */
const NAME_INTRO = new RegExp(
  String.raw`(?<![\p{L}\p{M}])((?:[Tt]ên(?:\s+(?:tôi|em|của\s+tôi|mình|cháu))?\s+là|[Hh]ọ\s+(?:và\s+)?tên\s*:?|[Tt]ên\s*:|[Mm]y\s+name\s+is|[Tt]ôi\s+là)\s+)((?:${WORD}(?:\s+${WORD}){0,4})|[\p{L}\p{M}]+)`,
  'gu',
)

const digitCount = (text: string) => (text.match(/[\dxX]/g) ?? []).length

function maskPhones(text: string): string {
  return text.replace(PHONE_CANDIDATE, (match) => {
    const trimmed = match.replace(/[\s.\-(]+$/u, '')
    const digits = digitCount(trimmed)
    if (digits < 9 || digits > 15) return match
    return MASK + match.slice(trimmed.length)
  })
}

function previousWord(text: string, offset: number): string {
  const before = text.slice(Math.max(0, offset - 40), offset).trimEnd()
  const words = before.split(/\s+/u)
  return (words[words.length - 1] ?? '').toLowerCase()
}

/** Masks phone numbers, e-mail addresses and personal names in `text`; null stays null. */
export function maskPersonalData(text: string): string
export function maskPersonalData(text: string | null): string | null
export function maskPersonalData(text: string | null): string | null {
  if (text === null) return null
  let masked = text.normalize('NFC')
  if (masked.includes('@')) masked = masked.replace(EMAIL, MASK) // PRIV-2, before phones: "0903123456@gmail.com"
  masked = maskPhones(masked)
  masked = masked.replace(NAME_INTRO, (_match, intro: string) => intro + MASK)
  masked = masked.replace(HONORIFIC_NAME, (match, honorific: string, space: string, _name: string, offset: number, whole: string) =>
    PLACE_WORDS.has(previousWord(whole, offset)) ? match : honorific + space + MASK,
  )
  return masked
}
