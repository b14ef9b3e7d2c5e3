/**
 * Category and sentiment of a Vietnamese text (docs/SPEC.md, NLP-2): two multinomial logistic
 * regressions over the n-grams of a normalised text and the cue phrases of data/nlp/lexicon.json
 * it contains. Small (sparse weights in data/nlp/model.json), fast (one map lookup per n-gram)
 * and reproducible (zero start, examples in file order, fixed epochs: no randomness). Pure.
 */
import type { Normalised } from './vi-normalise'

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const
export type Sentiment = (typeof SENTIMENTS)[number]

/** data/nlp/lexicon.json: cue phrases per category and per sentiment. */
export interface Lexicon {
  categories: Record<string, string[]>
  sentiment: Record<Sentiment, string[]>
}

/** One label set's regression: a bias per label, and per feature the weights that are not ~0. */
export interface LinearModel {
  labels: string[]
  bias: number[]
  weights: Record<string, Record<string, number>>
}

export interface ClassifierModel {
  version: 2
  /** Cue phrases as `normalise` writes them: matched with diacritics and folded, and trained on as examples. */
  cues: CuePhrases
  category: LinearModel
  sentiment: LinearModel
}

/** `c:<label>` fires on a phrase written with its diacritics, `cf:<label>` on its folded form. */
export type CuePhrases = Record<string, Normalised[]>

export interface TrainingExample {
  normalised: Normalised
  category: string
  sentiment: Sentiment
}

export interface Classification {
  category: string
  group: string
  /** Probability of the chosen category. */
  confidence: number
  sentiment: Sentiment
  sentimentConfidence: number
}

export type Classifier = (normalised: Normalised) => Classification

export interface TrainingOptions {
  epochs: number
  rate: number
  l2: number
  minWeight: number
}

export const TRAINING: Readonly<TrainingOptions> = { epochs: 80, rate: 0.2, l2: 3e-3, minWeight: 0.05 }

/**
 * N-grams of both forms: the segmented words with their diacritics (precise: "ngập" is not
 * "ngáp") and the folded syllables (so "ngap nuoc" meets "ngập nước"); then the cue labels
 * whose phrases the text holds. A set: a word said twice is no stronger evidence in one post.
 * Bare numbers are ward numbers and times, not topics.
 */
export function textFeatures(normalised: Normalised, cues: CueIndex): string[] {
  const words = normalised.tokens.filter((t) => !/^\d+$/.test(t))
  const syllables = normalised.folded.split(' ').filter((s) => s !== '' && !/^\d+$/.test(s))
  const features = new Set<string>()
  words.forEach((w, i) => {
    features.add(`w:${w}`)
    if (i > 0) features.add(`w:${words[i - 1]} ${w}`)
  })
  syllables.forEach((s, i) => {
    features.add(`f:${s}`)
    if (i > 0) features.add(`f:${syllables[i - 1]} ${s}`)
  })
  matchCues(cues.text, normalised.text.split(' '), 'c:', features)
  matchCues(cues.folded, syllables.length === 0 ? [] : normalised.folded.split(' '), 'cf:', features)
  return [...features]
}

/** Cue phrases by their first word, as written and folded: a text is scanned once, not once per phrase. */
export interface CueIndex {
  text: Map<string, { label: string; words: string[] }[]>
  folded: Map<string, { label: string; words: string[] }[]>
}

export function indexCues(cues: CuePhrases): CueIndex {
  const index: CueIndex = { text: new Map(), folded: new Map() }
  for (const [label, phrases] of Object.entries(cues)) {
    for (const phrase of phrases) {
      for (const [form, map] of [[phrase.text, index.text], [phrase.folded, index.folded]] as const) {
        const words = form.split(' ').filter((w) => w !== '')
        const first = words[0]
        if (first === undefined) continue
        const list = map.get(first) ?? []
        if (!list.some((c) => c.label === label && c.words.join(' ') === words.join(' '))) list.push({ label, words })
        map.set(first, list)
      }
    }
  }
  return index
}

function matchCues(index: CueIndex['text'], words: readonly string[], prefix: string, features: Set<string>) {
  for (let i = 0; i < words.length; i++) {
    const candidates = index.get(words[i] as string)
    if (!candidates) continue
    for (const { label, words: phrase } of candidates) {
      if (phrase.every((w, k) => words[i + k] === w)) features.add(prefix + label)
    }
  }
}

/** Lexicon phrases keyed by `cat:<code>` and `sent:<sentiment>`, normalised by the caller's normaliser. */
export function cuePhrases(lexicon: Lexicon, normalise: (text: string) => Normalised): CuePhrases {
  const cues: CuePhrases = {}
  const add = (key: string, phrases: readonly string[]) => {
    cues[key] = phrases.map((p) => normalise(p))
  }
  for (const code of Object.keys(lexicon.categories).sort()) add(`cat:${code}`, lexicon.categories[code] ?? [])
  for (const s of SENTIMENTS) add(`sent:${s}`, lexicon.sentiment[s] ?? [])
  return cues
}

/**
 * Fits both regressions on the training posts, plus each cue phrase as a one-phrase example of
 * its label: the phrase's own words then carry weight even where the posts never used them.
 * Keys sorted, so the same input writes the same bytes.
 */
export function trainModel(examples: readonly TrainingExample[], cues: CuePhrases, options: TrainingOptions = TRAINING): ClassifierModel {
  const index = indexCues(cues)
  const features = examples.map((e) => textFeatures(e.normalised, index))
  const phrases = (prefix: string) =>
    Object.entries(cues)
      .filter(([key]) => key.startsWith(prefix))
      .flatMap(([key, list]) => list.map((phrase) => ({ label: key.slice(prefix.length), features: textFeatures(phrase, index) })))
  const categoryCues = phrases('cat:')
  const sentimentCues = phrases('sent:')
  return sortKeys({
    version: 2 as const,
    cues,
    category: fit([...features, ...categoryCues.map((c) => c.features)], [...examples.map((e) => e.category), ...categoryCues.map((c) => c.label)], options),
    sentiment: fit([...features, ...sentimentCues.map((c) => c.features)], [...examples.map((e) => e.sentiment), ...sentimentCues.map((c) => c.label)], options),
  })
}

/** Softmax regression by stochastic gradient descent with L2, in file order, learning rate falling by epoch. */
function fit(features: readonly string[][], truth: readonly string[], options: TrainingOptions): LinearModel {
  const labels = [...new Set(truth)].sort()
  const k = labels.length
  const index = new Map<string, number>()
  for (const fs of features) for (const f of fs) if (!index.has(f)) index.set(f, index.size)
  const w = new Float64Array(index.size * k)
  const bias = new Float64Array(k)
  const rows = features.map((fs) => fs.map((f) => index.get(f) as number))
  const gold = truth.map((t) => labels.indexOf(t))
  const p = new Float64Array(k)
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const rate = options.rate / (1 + epoch / 10)
    rows.forEach((row, n) => {
      scoreInto(p, bias, row, (f, j) => w[f * k + j] as number)
      softmax(p)
      for (let j = 0; j < k; j++) {
        const g = (p[j] as number) - (j === gold[n] ? 1 : 0)
        bias[j] = (bias[j] as number) - rate * g
        for (const f of row) w[f * k + j] = (w[f * k + j] as number) * (1 - rate * options.l2) - rate * g
      }
    })
  }
  const weights: LinearModel['weights'] = {}
  for (const [f, i] of index) {
    const kept: Record<string, number> = {}
    for (let j = 0; j < k; j++) {
      const v = round(w[i * k + j] as number, 3)
      if (Math.abs(v) >= options.minWeight) kept[labels[j] as string] = v
    }
    if (Object.keys(kept).length > 0) weights[f] = kept
  }
  return { labels, bias: Array.from(bias, (b) => round(b, 3)), weights }
}

function scoreInto(out: Float64Array, bias: ArrayLike<number>, row: readonly number[], weight: (feature: number, label: number) => number) {
  for (let j = 0; j < out.length; j++) {
    let s = bias[j] as number
    for (const f of row) s += weight(f, j)
    out[j] = s
  }
}

function softmax(scores: Float64Array) {
  let max = -Infinity
  for (const s of scores) max = Math.max(max, s)
  let sum = 0
  for (let j = 0; j < scores.length; j++) sum += scores[j] = Math.exp((scores[j] as number) - max)
  for (let j = 0; j < scores.length; j++) scores[j] = (scores[j] as number) / sum
}

/** Recursively sorted object keys: JSON.stringify then writes the same bytes for the same model. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T
  if (value === null || typeof value !== 'object') return value
  const entries = Object.keys(value)
    .sort()
    .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])])
  return Object.fromEntries(entries) as T
}

interface Compiled {
  labels: string[]
  bias: Float64Array
  weights: Map<string, Float64Array>
}

function compile(model: LinearModel): Compiled {
  const weights = new Map<string, Float64Array>()
  for (const [f, byLabel] of Object.entries(model.weights)) weights.set(f, Float64Array.from(model.labels, (l) => byLabel[l] ?? 0))
  return { labels: model.labels, bias: Float64Array.from(model.bias), weights }
}

function probabilities(model: Compiled, features: readonly string[]): Float64Array {
  const p = Float64Array.from(model.bias)
  for (const f of features) {
    const w = model.weights.get(f)
    if (w) for (let j = 0; j < p.length; j++) p[j] = (p[j] as number) + (w[j] as number)
  }
  softmax(p)
  return p
}

const argmax = (p: Float64Array, allowed: (j: number) => boolean = () => true) => {
  let best = -1
  for (let j = 0; j < p.length; j++) if (allowed(j) && (best < 0 || (p[j] as number) > (p[best] as number))) best = j
  return best
}

/** `groupOf` maps each category code to its group (data/categories.json). */
export function createClassifier(model: ClassifierModel, groupOf: ReadonlyMap<string, string>): Classifier {
  if (model.version !== 2) throw new Error(`model version ${String(model.version)} is not 2: run npm run train`)
  const unknown = model.category.labels.filter((l) => !groupOf.has(l))
  if (unknown.length > 0) throw new Error(`the model knows categories the taxonomy lacks (${unknown.join(', ')}): run npm run train`)
  const stray = model.sentiment.labels.filter((l) => !(SENTIMENTS as readonly string[]).includes(l))
  if (stray.length > 0) throw new Error(`the model's sentiments ${stray.join(', ')} are not among ${SENTIMENTS.join(', ')}`)
  const category = compile(model.category)
  const sentiment = compile(model.sentiment)
  const groupOfLabel = category.labels.map((l) => groupOf.get(l) as string)
  const groups = [...new Set(groupOfLabel)].sort()
  const groupIndex = groupOfLabel.map((g) => groups.indexOf(g))
  const cues = indexCues(model.cues)
  return (normalised) => {
    const features = textFeatures(normalised, cues)
    // The group first, by the summed probability of its categories: "cống nghẹt" split between
    // flooding and drainage is still plainly water in the street, not noise.
    const p = probabilities(category, features)
    const byGroup = new Float64Array(groups.length)
    p.forEach((v, j) => (byGroup[groupIndex[j] as number] = (byGroup[groupIndex[j] as number] as number) + v))
    const group = argmax(byGroup)
    const c = argmax(p, (j) => groupIndex[j] === group)
    const ps = probabilities(sentiment, features)
    const s = argmax(ps)
    return {
      category: category.labels[c] as string,
      group: groups[group] as string,
      confidence: round(p[c] as number, 3),
      sentiment: sentiment.labels[s] as Sentiment,
      sentimentConfidence: round(ps[s] as number, 3),
    }
  }
}

const round = (x: number, digits: number) => {
  const r = Math.round(x * 10 ** digits) / 10 ** digits
  return r === 0 ? 0 : r // no -0 in the model file
}
