/**
 * Place recogniser (NLP-3): finds the boundary units a Vietnamese text names — "P.12, Q.GV",
 * "phường Tân Phong quận 7", "quan 7", "chợ Bến Thành". Built from whatever boundaries are
 * imported (levels are data) plus landmarks kept in data/places/landmarks.json. Precision first:
 * a wrong place is worse than none, so an ambiguous name resolves only through another place in
 * the same text, or to a candidate that contains all the others, and otherwise yields nothing.
 */
import { asciiFold } from './text'
import { UNIT_PREFIXES } from './unit-prefixes'

export interface GazetteerUnit {
  code: string
  level: string
  name: string
  parentCode: string | null
}

export interface Landmark {
  name: string
  aliases?: string[]
  /** A unit code of the boundaries; a code not among them turns the landmark off. */
  code: string
  note?: string
}

/** The shape of data/places/landmarks.json. */
export interface PlaceData {
  landmarks: Landmark[]
  /** Unit names that count only with their prefix ("phường Võ Thị Sáu", not the street). */
  prefixOnly?: { names: string[] }
}

export interface RecognisedPlace {
  level: string
  code: string
  name: string
  /** [start, end) in the text, of the words that named this place or the unit inside it. */
  span: [number, number]
  confidence: number
}

export interface Gazetteer {
  recognise(text: string): RecognisedPlace[]
  /**
   * Where a text places what it tells of, from the places `recognise` found in it: the finest
   * unit holding every one — the ward of "phường Tân Phong quận 7", the district of two of its
   * wards, nothing for two districts apart (NLP-7). Null when it names none.
   */
  locate(places: readonly RecognisedPlace[]): RecognisedPlace | null
}

/**
 * Administrative prefixes (core/unit-prefixes.ts), folded, with the short forms people write.
 * Units of one family stand in for each other ("quận Thủ Đức" for the city of Thủ Đức that
 * replaced it) but an exact prefix wins ("phường An Phú" is not "xã An Phú").
 */
const PREFIXES = UNIT_PREFIXES.map((p) => ({ type: asciiFold(p.name), family: p.family, forms: [p.name, ...p.typed] }))

/**
 * A bare name right after one of these words names something else: a street ("đường Võ Thị
 * Sáu"), a bridge, a school — or a unit of another family ("TP Thủ Đức" where only a ward of
 * that name is imported).
 */
const BLOCKS_BARE = new Set([
  'duong', 'd', 'pho', 'hem', 'ngo', 'cau', 'ham', 'kenh', 'rach', 'truong', 'tinh',
  ...PREFIXES.flatMap((p) => p.forms.map((f) => asciiFold(f).split(' ').at(-1) as string)),
])

/** "Audi Q5", "Audi Q7": car models, not districts. */
const BLOCKS_ANY = new Set(['audi'])

const CONFIDENCE = { prefixed: 0.95, landmark: 0.9, context: 0.9, bare: 0.85, container: 0.8 }

interface Entry {
  unit: number
  /** The alias as spelt, lower-case: a word the text writes with diacritics must match it. */
  spelt: string[]
  /** Prefix type written in the text, null for a bare name or a landmark. */
  written: string | null
  /** The unit's own prefix type ("Xã An Phú" → xa): an exact prefix beats one of its family. */
  own: string | null
  landmark: boolean
}

interface TrieNode {
  next: Map<string, TrieNode>
  entries: Entry[]
}

interface Token {
  /** Folded ("phuong"): the trie's key, and all a word typed without diacritics can tell. */
  text: string
  /** Lower-case with its diacritics ("phường"); equal to `text` when typed without them. */
  spelt: string
  start: number
  end: number
}

interface Mention {
  /** Index of its first word: orders places named at the same level. */
  from: number
  span: [number, number]
  candidates: number[]
  confidence: number
}

export function buildGazetteer(units: readonly GazetteerUnit[], places: PlaceData): Gazetteer {
  // First unit of a code wins: a file holding one twice (Đà Nẵng in the provinces file) must not make it ambiguous.
  const index = new Map<string, number>()
  units.forEach((u, i) => index.has(u.code) || index.set(u.code, i))
  const prefixOnly = new Set((places.prefixOnly?.names ?? []).map((n) => asciiFold(n)))
  const root: TrieNode = { next: new Map(), entries: [] }

  units.forEach((unit, i) => {
    if (index.get(unit.code) !== i) return
    const { prefix, core } = splitPrefix(spelling(unit.name))
    if (core.length === 0) return
    const numeric = core.every((w) => /^\d+$/.test(w))
    const own = prefix?.type ?? null
    const entry = (spelt: string[], written: string | null) => add(root, spelt, { unit: i, spelt, written, own, landmark: false })
    if (!prefix) {
      if (!numeric) entry(core, null)
      return
    }
    // "h 1" or "tp 1" is no "Quận 1": a number takes its own prefix only.
    for (const p of PREFIXES.filter((p) => (numeric ? p === prefix : p.family === prefix.family))) {
      for (const form of p.forms) {
        entry([...form.split(' '), ...core], p.type)
        // "Q.GV", "Q.BT", "TP.HCM": initials of a district's or province's name, only behind its prefix.
        if (prefix.family !== 'ward' && core.length > 1 && !numeric) entry([...form.split(' '), asciiFold(core.map((w) => w[0]).join(''))], p.type)
      }
    }
    // A bare "7" is a number; a bare one-word name is too often a common word.
    if (!numeric && core.length > 1 && !prefixOnly.has(asciiFold(core.join(' ')))) entry(core, null)
  })
  for (const landmark of places.landmarks) {
    const unit = index.get(landmark.code)
    if (unit === undefined) continue
    for (const name of [landmark.name, ...(landmark.aliases ?? [])]) {
      const spelt = spelling(name)
      add(root, spelt, { unit, spelt, written: null, own: null, landmark: true })
    }
  }

  const ancestors = units.map((_, i) => {
    const chain: number[] = []
    const seen = new Set([i])
    for (let p = index.get(units[i]?.parentCode ?? ''); p !== undefined && !seen.has(p); p = index.get(units[p]?.parentCode ?? '')) {
      chain.push(p)
      seen.add(p)
    }
    return chain
  })
  const within = (inner: number, outer: number) => ancestors[inner]?.includes(outer) ?? false

  function recognise(text: string): RecognisedPlace[] {
    const tokens = tokenize(text)
    const mentions = findMentions(root, tokens, writesDiacritics(tokens))
    narrowByContext(mentions, within)
    const found = new Map<number, RecognisedPlace & { at: number }>()
    for (const mention of mentions) {
      const unit = resolve(mention.candidates, within)
      if (unit === undefined) continue
      const confidence = mention.candidates.length === 1 ? mention.confidence : CONFIDENCE.container
      for (const u of [unit, ...(ancestors[unit] ?? [])]) {
        const known = found.get(u)
        if (known && known.confidence >= confidence) continue
        const { level, code, name } = units[u] as GazetteerUnit
        found.set(u, { level, code, name, span: mention.span, confidence, at: mention.from })
      }
    }
    // Finest units first: a ward, then the district holding it.
    return [...found.entries()]
      .sort(([a, pa], [b, pb]) => (ancestors[b]?.length ?? 0) - (ancestors[a]?.length ?? 0) || pa.at - pb.at)
      .map(([, { at: _at, ...place }]) => place)
  }

  function locate(places: readonly RecognisedPlace[]): RecognisedPlace | null {
    const named = places.map((p) => index.get(p.code)).filter((u) => u !== undefined)
    // The places nothing else named lies in; the units holding them are implied.
    const innermost = named.filter((u) => !named.some((v) => within(v, u)))
    const [first, ...rest] = innermost.map((u) => [u, ...(ancestors[u] ?? [])])
    // A chain runs finest first, so the first unit every chain holds is the finest common one.
    const common = first?.find((u) => rest.every((chain) => chain.includes(u)))
    return common === undefined ? null : (places.find((p) => p.code === units[common]?.code) ?? null)
  }

  return { recognise, locate }
}

/** Greedy longest match, left to right; a bare name or landmark after a street or prefix word is dropped. */
function findMentions(root: TrieNode, tokens: Token[], strict: boolean): Mention[] {
  const mentions: Mention[] = []
  let i = 0
  while (i < tokens.length) {
    let node: TrieNode | undefined = root
    let best: { to: number; entries: Entry[] } | undefined
    for (let j = i; j < tokens.length; j++) {
      node = node.next.get((tokens[j] as Token).text)
      if (!node) break
      const entries = node.entries.filter((e) => spelledAlike(tokens, i, e.spelt, strict))
      if (entries.length > 0) best = { to: j + 1, entries }
    }
    if (!best) {
      i++
      continue
    }
    const entries = best.entries
    const written = entries[0]?.written ?? null
    const landmarks = entries.filter((e) => e.landmark)
    const before = i > 0 ? (tokens[i - 1] as Token).text : ''
    // Landmarks too: "cầu Nguyễn Hữu Cảnh" is a bridge in Quận 1 and 4, not the Bình Thạnh street.
    const blocked = BLOCKS_ANY.has(before) || (written === null && BLOCKS_BARE.has(before))
    if (!blocked) {
      // Landmarks are curated: they outrank a unit spelt the same (Phú Mỹ Hưng, Q.7 — not Xã Phú Mỹ Hưng).
      const chosen = landmarks.length > 0 ? landmarks : entries
      const exact = written === null ? [] : chosen.filter((e) => e.own === written)
      const candidates = [...new Set((exact.length > 0 ? exact : chosen).map((e) => e.unit))]
      const confidence = landmarks.length > 0 ? CONFIDENCE.landmark : written !== null ? CONFIDENCE.prefixed : CONFIDENCE.bare
      const span: [number, number] = [(tokens[i] as Token).start, (tokens[best.to - 1] as Token).end]
      mentions.push({ from: i, span, candidates, confidence })
    }
    i = best.to
  }
  return mentions
}

/**
 * Keeps, of an ambiguous mention's candidates, those nested with a candidate of another mention
 * ("phường 12" + "quận Gò Vấp"; "P.12" + "Q.BT" where only Bình Thạnh has a ward 12). Repeated
 * so that two ambiguous mentions can settle each other.
 */
function narrowByContext(mentions: Mention[], within: (inner: number, outer: number) => boolean) {
  for (let round = 0; round < 3; round++) {
    let changed = false
    for (const mention of mentions) {
      if (mention.candidates.length < 2) continue
      const others = mentions.filter((m) => m !== mention).flatMap((m) => m.candidates)
      const kept = mention.candidates.filter((c) => others.some((o) => within(c, o) || within(o, c)))
      if (kept.length > 0 && kept.length < mention.candidates.length) {
        mention.candidates = kept
        if (kept.length === 1) mention.confidence = Math.min(mention.confidence, CONFIDENCE.context)
        changed = true
      }
    }
    if (!changed) return
  }
}

/** One candidate, or the one that contains all the others (Huyện Củ Chi over Thị trấn Củ Chi). */
function resolve(candidates: number[], within: (inner: number, outer: number) => boolean): number | undefined {
  if (candidates.length === 1) return candidates[0]
  return candidates.find((outer) => candidates.every((c) => c === outer || within(c, outer)))
}

/**
 * "hoc mon" may be Hóc Môn, "học môn" is not: a word typed with diacritics must be spelt as the
 * name, and in a text written with diacritics every word must ("tân binh" is a recruit, "liên
 * quan 1" no district).
 */
function spelledAlike(tokens: Token[], from: number, spelt: string[], strict: boolean): boolean {
  return spelt.every((word, k) => {
    const token = tokens[from + k] as Token
    return token.spelt === word || (!strict && token.spelt === token.text)
  })
}

/** Most Vietnamese words carry a diacritic: a text where a quarter of the words do is written with them. */
function writesDiacritics(tokens: Token[]): boolean {
  const words = tokens.filter((t) => /[a-z]/.test(t.text))
  return words.length > 0 && words.filter((t) => t.spelt !== t.text).length >= words.length / 4
}

function add(root: TrieNode, spelt: string[], entry: Entry) {
  let node = root
  for (const word of spelt.map(asciiFold)) {
    let next = node.next.get(word)
    if (!next) node.next.set(word, (next = { next: new Map(), entries: [] }))
    node = next
  }
  const same = (e: Entry) => e.unit === entry.unit && e.written === entry.written && e.landmark === entry.landmark && e.spelt.join(' ') === entry.spelt.join(' ')
  if (!node.entries.some(same)) node.entries.push(entry)
}

function splitPrefix(name: string[]) {
  const folded = name.map(asciiFold)
  for (const p of PREFIXES) {
    const full = p.type.split(' ')
    if (full.every((w, k) => folded[k] === w)) return { prefix: p, core: name.slice(full.length) }
  }
  return { prefix: undefined, core: name }
}

/** A name's words as the index spells them. */
function spelling(name: string): string[] {
  return tokenize(name).map((t) => t.spelt)
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu
/** "q7", "p12", "f12": a short prefix glued to its number. */
const GLUED = /^([a-z]{1,2})(\d{1,3})$/
/** Old and new tone placement ("hoà", "hòa") are the same word. */
const OLD_TONES = /([oòóỏõọ])([aàáảãạeèéẻẽẹ])|([uùúủũụ])([yỳýỷỹỵ])/g

/** Words with their place in the text; "Phường 01" and "phường 1" give the same number. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  // exec, not matchAll: matchAll recompiles the Unicode-class pattern on every call.
  WORD.lastIndex = 0
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
    const start = match.index
    const end = start + match[0].length
    const forms = wordForms(match[0])
    const folded = forms.text
    const glued = GLUED.exec(folded)
    if (glued) {
      const [, prefix, number] = glued as unknown as [string, string, string]
      tokens.push({ text: prefix, spelt: prefix, start, end: start + prefix.length })
      const digits = number.replace(/^0+(?=\d)/, '')
      tokens.push({ text: digits, spelt: digits, start: start + prefix.length, end })
    } else if (/^\d+$/.test(folded)) {
      const digits = folded.replace(/^0+(?=\d)/, '')
      tokens.push({ text: digits, spelt: digits, start, end })
    } else {
      tokens.push({ text: folded, spelt: forms.spelt, start, end })
    }
  }
  return tokens
}

/** Word forms by word as written: a city's vocabulary is small, and folding is most of the time per text. */
const FORMS = new Map<string, { text: string; spelt: string }>()
const FORMS_MAX = 100_000

function wordForms(word: string) {
  let forms = FORMS.get(word)
  if (!forms) {
    if (FORMS.size >= FORMS_MAX) FORMS.clear()
    forms = { text: asciiFold(word), spelt: newTones(word.normalize('NFC').toLowerCase()) }
    FORMS.set(word, forms)
  }
  return forms
}

/** Moves a tone mark from the first vowel of "oa", "oe", "uy" to the second, as in "hòa" → "hoà". */
function newTones(word: string): string {
  return word.replace(OLD_TONES, (all) => {
    const [first, second] = [...all.normalize('NFD').replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '')] as [string, string]
    const tone = /[\u0300\u0301\u0303\u0309\u0323]/.exec(all.normalize('NFD'))?.[0]
    return tone ? (first + second + tone).normalize('NFC') : all
  })
}
