/**
 * npm run eval [-- --boundaries A.geojson,B.geojson] [--texts DIR]: measures the classifier and
 * the gazetteer (NLP-2, NLP-3) on data/nlp/eval.ndjson, which training never reads, then
 * sentiment on UIT-VSFC and the categories it gives UIT-ViCTSD's news comments. The table goes
 * to stdout, progress to stderr; the last line sums up against the issue's targets.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { parseCsv } from '../core/csv'
import { scoreLabels, scoreSets, type LabelScores } from '../core/label-metrics'
import type { Sentiment } from '../core/classifier'
import { gazetteerFromFiles, loadTextReader, readLabelled } from '../nlp/load-classifier'
import { DEFAULT_NLP_DIR } from '../nlp/load-normaliser'

const SHARED = fileURLToPath(new URL('../../../shared/data/', import.meta.url))
const DEFAULT_BOUNDARIES = ['hcmc-districts-22.geojson', 'hcmc-wards-312.geojson'].map((f) => join(SHARED, 'boundaries', f))
/** UIT-VSFC's `sentiment` column, as its `sentiment_label` column names it. */
const VSFC_SENTIMENT: Record<string, Sentiment> = { '0': 'negative', '1': 'neutral', '2': 'positive' }
const TARGETS = { groups: 0.85, sentiment: 0.75, places: 0.9 }

const log = (line: string) => process.stderr.write(`${line}\n`)
const out = (line = '') => process.stdout.write(`${line}\n`)
const f3 = (x: number) => x.toFixed(3)
const pct = (x: number) => `${(100 * x).toFixed(1)}%`

function main() {
  const { values } = parseArgs({ options: { boundaries: { type: 'string' }, texts: { type: 'string', default: join(SHARED, 'texts') } } })
  const boundaries = values.boundaries ? values.boundaries.split(',') : DEFAULT_BOUNDARIES
  log('loading normaliser, model and gazetteer…')
  // The reader ingest uses (NLP-7): what is measured here is what the wall counts.
  const read = loadTextReader(gazetteerFromFiles(boundaries))

  const posts = readLabelled(join(DEFAULT_NLP_DIR, 'eval.ndjson'))
  log(`classifying ${posts.length} labelled posts…`)
  const results = posts.map((post) => {
    const got = read(post.text)
    return { post, got, places: got.places }
  })
  const groups = scoreLabels(results.map(({ post, got }) => ({ truth: post.group, predicted: got.group })))
  const categories = scoreLabels(results.map(({ post, got }) => ({ truth: post.category, predicted: got.category })))
  const sentiment = scoreLabels(results.map(({ post, got }) => ({ truth: post.sentiment, predicted: got.sentiment })))
  const key = (p: { level: string; code: string }) => `${p.level}:${p.code}`
  const places = scoreSets(results.map(({ post, places }) => ({ truth: post.places.map(key), predicted: places.map(key) })))

  const vsfc = parseCsv(readFileSync(join(values.texts, 'uit-vsfc-feedback.csv'), 'utf8'))
  log(`classifying ${vsfc.length} UIT-VSFC sentences…`)
  const vsfcSentiment = scoreLabels(
    vsfc.filter((row) => row.sentiment! in VSFC_SENTIMENT).map((row) => ({ truth: VSFC_SENTIMENT[row.sentiment!]!, predicted: read(row.text ?? '').sentiment })),
  )
  const victsd = parseCsv(readFileSync(join(values.texts, 'uit-victsd-comments.csv'), 'utf8'))
  log(`classifying ${victsd.length} UIT-ViCTSD comments…`)
  const byTopic = new Map<string, Map<string, number>>()
  const victsdSentiment = new Map<string, number>()
  const confidence = new Map<string, number>()
  for (const row of victsd) {
    const got = read(row.text ?? '')
    confidence.set(row.topic ?? '', (confidence.get(row.topic ?? '') ?? 0) + got.confidence)
    const topic = byTopic.get(row.topic ?? '') ?? new Map<string, number>()
    topic.set(got.group, (topic.get(got.group) ?? 0) + 1)
    byTopic.set(row.topic ?? '', topic)
    victsdSentiment.set(got.sentiment, (victsdSentiment.get(got.sentiment) ?? 0) + 1)
  }

  out(`data/nlp/eval.ndjson: ${posts.length} posts never used in training`)
  out()
  out('label set        n    accuracy  macro-F1  labels')
  const row = (name: string, s: LabelScores) => out(`${name.padEnd(15)} ${String(s.n).padStart(4)}  ${f3(s.accuracy).padStart(8)}  ${s.macroF1.toFixed(4).padStart(8)}  ${Object.keys(s.perLabel).length}`)
  row('groups', groups)
  row('categories', categories)
  row('sentiment', sentiment)
  row('uit-vsfc sent.', vsfcSentiment)
  out()
  out(`places (explicitly named districts and wards): precision ${f3(places.precision)}  recall ${f3(places.recall)}  (${places.truePositives} right of ${places.predicted} found, ${places.truth} labelled)`)
  for (const [name, scores] of [['group', groups], ['category', categories], ['sentiment', sentiment], ['uit-vsfc sentiment', vsfcSentiment]] as const) {
    out()
    out(`${name.padEnd(20)} support  precision  recall     F1`)
    for (const [label, s] of Object.entries(scores.perLabel)) {
      out(`${label.padEnd(20)} ${String(s.support).padStart(7)}  ${f3(s.precision).padStart(9)}  ${f3(s.recall).padStart(6)}  ${f3(s.f1).padStart(5)}`)
    }
  }
  out()
  out(`uit-victsd-comments.csv (${victsd.length} news comments, no city-service labels): the three groups it gives each news section`)
  for (const [topic, counts] of [...byTopic].sort(([a], [b]) => a.localeCompare(b))) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0)
    const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3)
    out(`${topic.padEnd(12)} ${String(total).padStart(4)}  ${top.map(([g, n]) => `${g} ${pct(n / total)}`).join(', ')}; mean confidence ${f3((confidence.get(topic) ?? 0) / total)}`)
  }
  out(`sentiment: ${[...victsdSentiment].sort().map(([s, n]) => `${s} ${pct(n / victsd.length)}`).join(', ')}`)
  out()
  // Four decimals when three would round a miss up to the target (0.8497 is not 0.850).
  const exact = (value: number, target: number) => (value < target && f3(value) === f3(target) ? value.toFixed(4) : f3(value))
  const verdict = (name: string, value: number, target: number) => `${name} ${exact(value, target)} ${value >= target ? '≥' : `< (${(target - value).toFixed(4)} short of)`} ${target}`
  out(
    `summary: ${verdict('group macro-F1', groups.macroF1, TARGETS.groups)}; ${verdict('sentiment macro-F1', sentiment.macroF1, TARGETS.sentiment)}; ` +
      `${verdict('place precision', places.precision, TARGETS.places)}; ${verdict('place recall', places.recall, TARGETS.places)}; category macro-F1 ${f3(categories.macroF1)}; UIT-VSFC sentiment macro-F1 ${f3(vsfcSentiment.macroF1)}`,
  )
}

try {
  main()
} catch (error) {
  process.stderr.write(`eval failed: ${(error as Error).message}\n`)
  process.exit(1)
}
