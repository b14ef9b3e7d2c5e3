import { asciiFold } from './text'

/**
 * Vietnamese text normalisation (docs/SPEC.md, NLP-1): one canonical form for the many ways
 * people type the same words, so the classifier and the gazetteer read "Q7", "Q.7" and "quận 7"
 * alike. Everything is compiled once in `createNormaliser`; a call only runs prepared patterns.
 */

export interface Abbreviations {
  /** Whole words: "ko" → "không", "hcm" → "hồ chí minh". */
  words: Record<string, string>
  /** Unit prefix glued to a number: "q7", "q.7", "q. 7" → "quận 7". */
  numbered: Record<string, string>
  /** Unit prefix with a dot before a name: "p.tân định", "tp. hcm" → "phường tân định", "thành phố hcm". */
  dotted: Record<string, string>
  /**
   * A short form read differently after a given word, keyed "word short": "không bt" → "biết" ("ko bt"
   * is "không biết", a lone "bt" is "bình thường"). The word is the one before it, already expanded.
   */
  after: Record<string, string>
  /** A short form after a number, glued or not: "5k", "5 k" → "5 nghìn"; "2tr" → "2 triệu" (a lone "k" is "không"). */
  afterNumber: Record<string, string>
}

export interface NormaliserData {
  abbreviations: Abbreviations
  /** Multi-syllable words for segmentation, syllables separated by one space ("ngập nước"). */
  words: readonly string[]
}

export interface Normalised {
  /** Canonical text: syllables, numbers, placeholders and emoji separated by single spaces. */
  text: string
  /** `text` without diacritics (asciiFold), so "ngap nuoc" and "ngập nước" meet. */
  folded: string
  /** Words of `text`; a dictionary word of several syllables is one token joined by "_". */
  tokens: string[]
}

export type Normaliser = (text: string) => Normalised

export const PLACEHOLDERS = { url: '<url>', email: '<email>', user: '<user>' } as const

const TONES = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] // huyền, sắc, hỏi, ngã, nặng
const compose = (base: string, tone: string) => (base + tone).normalize('NFC')

/**
 * Old-style tone placement on the first vowel of open oa/oe/uy ("hòa", "khỏe", "thủy") → the
 * modern placement on the second ("hoà", "khoẻ", "thuỷ"); after "qu" the u is part of the
 * consonant, so "qúy"/"quí" → "quý" (and "qui" → "quy": one word, two spellings).
 */
const TONE_TAILS = new Map<string, string>()
const QU_TAILS = new Map<string, string>([['ui', 'uy']])
for (const tone of TONES) {
  for (const [first, second] of [['o', 'a'], ['o', 'e'], ['u', 'y']] as const) {
    TONE_TAILS.set(compose(first, tone) + second, first + compose(second, tone))
  }
  QU_TAILS.set('u' + compose('i', tone), 'u' + compose('y', tone))
  QU_TAILS.set(compose('u', tone) + 'i', 'u' + compose('y', tone))
}

/** Moves the tone mark of a lower-case NFC syllable to its modern place. */
export function canonicalTone(syllable: string): string {
  const n = syllable.length
  if (n < 2) return syllable
  const tail = syllable.slice(n - 2)
  const moved = TONE_TAILS.get(tail) ?? (n >= 3 && syllable[n - 3] === 'q' ? QU_TAILS.get(tail) : undefined)
  return moved === undefined ? syllable : syllable.slice(0, n - 2) + moved
}

const baseLetter = (c: string) => c.normalize('NFD')[0] ?? c
const hasDouble = (word: string) => {
  for (let i = 1; i < word.length; i++) if (word[i] === word[i - 1]) return true
  return false
}

/**
 * "quáaaaa" → "quá", "đẹppppp" → "đẹp": a run of three or more letters with the same base is one
 * letter (the first that carries a mark); Vietnamese never writes three alike, English rarely.
 * A word that is nothing but one letter repeated ("kkkk", "hhh") is laughter and stays as typed,
 * else it would shrink to "k" and read as "không".
 */
export function squashRepeats(word: string): string {
  if (!hasDouble(word)) return word
  const chars = [...word]
  const bases = chars.map(baseLetter)
  if (bases.every((b) => b === bases[0])) return word
  let out = ''
  for (let i = 0; i < chars.length; ) {
    let j = i
    while (j < chars.length && bases[j] === bases[i]) j++
    if (j - i >= 3) out += chars.slice(i, j).find((c, k) => c !== bases[i + k]) ?? chars[i]
    else out += chars.slice(i, j).join('')
    i = j
  }
  return out
}

const TLDS = 'com|net|org|gov|edu|info|io|me|ly|co|vn'
/**
 * URLs, e-mail addresses and @handles become placeholders before anything else, so nothing inside
 * them is expanded. Every alternative can start only where a run of its characters starts (the
 * lookbehinds), which keeps the scan linear on hostile shapes (cf. PRIV-7).
 */
const LINKS = new RegExp(
  [
    `(?<url>(?:https?:\\/\\/|www\\.)\\S+|(?<![\\p{L}\\p{N}.-])(?:[\\p{L}\\p{N}-]+\\.){1,3}(?:${TLDS})(?![\\p{L}\\p{N}])(?:\\/\\S*)?)`,
    `(?<email>(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+)`,
    `(?<user>(?<![\\p{L}\\p{N}_])@[\\p{L}\\p{N}_]+(?:\\.[\\p{L}\\p{N}_]+)*)`,
  ].join('|'),
  'gu',
)

const KEY = /^[\p{Ll}\p{N}]+$/u
const AFTER_KEY = /^[\p{Ll}\p{N}]+ [\p{Ll}\p{N}]+$/u
/** Placeholders, words (letters, marks, digits) in group 2, or one emoji (skin tones and joiners dropped). */
const SCAN = /(<(?:url|email|user)>)|([\p{L}\p{M}\p{N}]+)|\p{Extended_Pictographic}/gu
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u
const LETTER = /\p{L}/u
const DIGITS = /^[0-9]+$/
const AMOUNT = /^[0-9][0-9.,:/]*$/
const SEPARATOR = /^[.,:/]$/
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9'
/** A cheap test first: most texts hold no link at all. */
const MAYBE_LINK = new RegExp(`@|://|www\\.|\\.(?:${TLDS})\\b`)

function checkMap(name: string, raw: unknown, keyShape = KEY): Record<string, string> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`abbreviations.${name} must be an object of "short form": "expansion"`)
  }
  for (const [key, value] of Object.entries(raw)) {
    if (!keyShape.test(key)) {
      throw new Error(`abbreviations.${name}["${key}"]: a key is ${keyShape === KEY ? 'one lower-case word' : 'two lower-case words'}`)
    }
    if (typeof value !== 'string' || value.trim() === '') {
      throw new Error(`abbreviations.${name}["${key}"]: the expansion must be a non-empty string`)
    }
  }
  return raw as Record<string, string>
}

/** Validates `data/nlp/abbreviations.json`; errors name the entry and what to fix. */
export function parseAbbreviations(raw: unknown): Abbreviations {
  if (typeof raw !== 'object' || raw === null) throw new Error('abbreviations must be an object')
  const r = raw as Record<string, unknown>
  const parsed = {
    words: checkMap('words', r.words),
    numbered: checkMap('numbered', r.numbered),
    dotted: checkMap('dotted', r.dotted),
    after: checkMap('after', r.after, AFTER_KEY),
    afterNumber: checkMap('afterNumber', r.afterNumber),
  }
  for (const [name, map] of Object.entries(parsed)) {
    for (const [key, value] of Object.entries(map)) {
      const looped = value.split(/\s+/).find((w) => Object.hasOwn(parsed.words, w.normalize('NFC').toLowerCase()))
      // An expansion that could be expanded again would make normalising twice differ from once.
      if (looped !== undefined) throw new Error(`abbreviations.${name}["${key}"]: "${looped}" in "${value}" is itself a short form`)
    }
  }
  return parsed
}

/** Lower-cases, NFC-composes and places tone marks the way `normalise` does, word by word. */
function canonicalPhrase(phrase: string): string {
  return phrase.normalize('NFC').toLowerCase().trim().split(/\s+/).map(canonicalTone).join(' ')
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const alternation = (keys: string[]) => keys.sort((a, b) => b.length - a.length).map(escape).join('|')

export function createNormaliser(data: NormaliserData): Normaliser {
  const expand = (map: Record<string, string>) =>
    new Map(Object.entries(map).map(([k, v]) => [canonicalPhrase(k), canonicalPhrase(v).split(' ')]))
  const words = expand(data.abbreviations.words)
  const numbered = expand(data.abbreviations.numbered)
  const dotted = expand(data.abbreviations.dotted)
  const after = expand(data.abbreviations.after)
  const contextual = new Set([...after.keys()].map((key) => key.slice(key.indexOf(' ') + 1)))
  const afterNumber = expand(data.abbreviations.afterNumber)
  const gluedToNumber = new RegExp(`^([0-9]+)(${alternation([...afterNumber.keys()])})$`)

  const unitPrefix = new RegExp(`^(${alternation([...numbered.keys()])})(\\p{N}{1,3})$`, 'u')

  /**
   * "q7" → "quận 7"; "5k" → "5 nghìn"; "q" then ".7" / ". 7" → "quận 7"; "p" then ".tân" / ". tân" → "phường"; digits
   * then ".000", ":30", "/11" stay one amount. `s` is the text, `end` where `word` stopped; answers
   * the parts and where scanning resumes, or null for a plain word. A dotted prefix needs a letter
   * after it, so "sao vậy? 7 người" stays a question.
   */
  function unitOrAmount(word: string, s: string, end: number): [string[], number] | null {
    const glued = isDigit(word[word.length - 1]) ? unitPrefix.exec(word) : null
    if (glued) return [[...numbered.get(glued[1]!)!, glued[2]!], end]
    const quantity = isDigit(word[0]) ? gluedToNumber.exec(word) : null
    if (quantity) return [[quantity[1]!, ...afterNumber.get(quantity[2]!)!], end]
    if (s[end] === '.' || s[end] === ',' || s[end] === ':' || s[end] === '/') {
      if (DIGITS.test(word)) {
        let stop = end
        while (SEPARATOR.test(s[stop] ?? '') && isDigit(s[stop + 1])) {
          stop += 2
          while (isDigit(s[stop])) stop++
        }
        return stop === end ? null : [[s.slice(end - word.length, stop)], stop]
      }
      if (s[end] !== '.') return null
      const at = s[end + 1] === ' ' ? end + 2 : end + 1
      const unit = numbered.get(word)
      if (unit && isDigit(s[at])) {
        let stop = at
        while (isDigit(s[stop])) stop++
        if (stop - at <= 3 && !WORD_CHAR.test(s[stop] ?? ' ')) return [[...unit, s.slice(at, stop)], stop]
      }
      const prefix = dotted.get(word)
      if (prefix && LETTER.test(s[at] ?? ' ')) return [prefix, end + 1]
    }
    return null
  }

  const dictionary = new Set<string>()
  /** Every proper prefix of a dictionary word, so the longest match stops as soon as none can follow. */
  const prefixes = new Set<string>()
  let longest = 1
  for (const entry of data.words) {
    const canonical = canonicalPhrase(entry)
    const syllables = canonical.split(' ')
    if (syllables.length < 2) throw new Error(`words: "${entry}" has one syllable — the dictionary lists only words of several`)
    longest = Math.max(longest, syllables.length)
    // The folded form too, so "ngap nuoc" is one token as "ngập nước" is.
    for (const form of [canonical, asciiFold(canonical)]) {
      dictionary.add(form)
      const split = form.split(' ')
      for (let n = 1; n < split.length; n++) prefixes.add(split.slice(0, n).join(' '))
    }
  }

  function segment(parts: string[]): string[] {
    const tokens: string[] = []
    for (let i = 0; i < parts.length; ) {
      let taken = 1
      let key = parts[i]!
      for (let n = 2; n <= longest && i + n <= parts.length && prefixes.has(key); n++) {
        key += ' ' + parts[i + n - 1]!
        if (dictionary.has(key)) taken = n
      }
      tokens.push(taken === 1 ? parts[i]! : parts.slice(i, i + taken).join('_'))
      i += taken
    }
    return tokens
  }

  // Syllables are few (some thousands), so folding each once and remembering it is cheaper than
  // folding every text; the bound keeps a stream of odd words from growing memory without end.
  const foldedSyllables = new Map<string, string>()
  const fold = (part: string) => {
    let folded = foldedSyllables.get(part)
    if (folded === undefined) {
      folded = asciiFold(part)
      if (foldedSyllables.size < 100_000) foldedSyllables.set(part, folded)
    }
    return folded
  }

  return (input) => {
    let lower = input.normalize('NFC').toLowerCase()
    if (MAYBE_LINK.test(lower)) {
      lower = lower.replace(LINKS, (...args) => {
        const groups = args.at(-1) as Record<string, string | undefined>
        return ` ${groups.url ? PLACEHOLDERS.url : groups.email ? PLACEHOLDERS.email : PLACEHOLDERS.user} `
      })
    }
    const parts: string[] = []
    const scan = SCAN
    scan.lastIndex = 0 // shared and compiled once; nothing in the loop re-enters a normaliser
    for (let m = scan.exec(lower); m; m = scan.exec(lower)) {
      const raw = m[2]
      if (raw === undefined) {
        parts.push(m[0]) // a placeholder or an emoji
        continue
      }
      const special = unitOrAmount(raw, lower, scan.lastIndex)
      if (special) {
        parts.push(...special[0])
        scan.lastIndex = special[1]
        continue
      }
      const word = canonicalTone(squashRepeats(raw))
      const previous = parts.at(-1) ?? ''
      const expansion =
        (isDigit(previous[0]) && AMOUNT.test(previous) ? afterNumber.get(word) : undefined) ??
        (contextual.has(word) ? after.get(`${previous} ${word}`) : undefined) ??
        words.get(word)
      if (expansion) parts.push(...expansion)
      else parts.push(word)
    }
    const text = parts.join(' ')
    // Folding syllable by syllable equals asciiFold(text): parts hold no spaces and are never empty.
    return { text, folded: parts.map(fold).join(' '), tokens: segment(parts) }
  }
}
