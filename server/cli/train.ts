/**
 * npm run train [-- --out FILE]: rebuilds data/nlp/model.json (NLP-2) from data/nlp/train.ndjson
 * and data/nlp/lexicon.json only — never from eval.ndjson. Same input, same bytes.
 * npm run train -- --cv K: writes no model; prints the K-fold cross-validation inside
 * train.ndjson (per-group F1, macro-F1), the figures data, features and settings are chosen by.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { cuePhrases, trainModel, type Sentiment } from '../core/classifier'
import { crossValidate } from '../core/cross-validate'
import type { LabelScores } from '../core/label-metrics'
import { loadGroups, loadLexicon, MODEL_FILE, readLabelled } from '../nlp/load-classifier'
import { DEFAULT_NLP_DIR, loadNormaliser } from '../nlp/load-normaliser'

export const TRAIN_FILE = join(DEFAULT_NLP_DIR, 'train.ndjson')

function main() {
  const { values } = parseArgs({ options: { out: { type: 'string', default: MODEL_FILE }, cv: { type: 'string' } } })
  const normalise = loadNormaliser()
  const groups = loadGroups()
  const lexicon = loadLexicon()
  const posts = readLabelled(TRAIN_FILE)
  const strange = [...posts.map((p) => p.category), ...Object.keys(lexicon.categories)].filter((c) => !groups.has(c))
  if (strange.length > 0) throw new Error(`categories not in data/categories.json: ${[...new Set(strange)].join(', ')}`)
  const examples = posts.map((p) => ({ normalised: normalise(p.text), category: p.category, sentiment: p.sentiment as Sentiment }))
  if (values.cv !== undefined) {
    printCrossValidation(crossValidate(examples, cuePhrases(lexicon, normalise), groups, Number(values.cv)), posts.length)
    return
  }
  const model = trainModel(examples, cuePhrases(lexicon, normalise))
  writeFileSync(values.out, JSON.stringify(model) + '\n')
  process.stderr.write(`${values.out}: ${posts.length} posts, ${model.category.labels.length} categories\n`)
}

function printCrossValidation(cv: ReturnType<typeof crossValidate>, n: number) {
  const f3 = (x: number) => x.toFixed(3)
  const out = (line = '') => process.stdout.write(`${line}\n`)
  out(`data/nlp/train.ndjson: ${n} posts, ${cv.folds}-fold cross-validation (post n held out in fold n mod ${cv.folds})`)
  out()
  out('label set        n    accuracy  macro-F1')
  const row = (name: string, s: LabelScores) => out(`${name.padEnd(15)} ${String(s.n).padStart(4)}  ${f3(s.accuracy).padStart(8)}  ${f3(s.macroF1).padStart(8)}`)
  row('groups', cv.groups)
  row('categories', cv.categories)
  row('sentiment', cv.sentiment)
  out()
  out('group                support  precision  recall     F1')
  for (const [label, s] of Object.entries(cv.groups.perLabel)) {
    out(`${label.padEnd(20)} ${String(s.support).padStart(7)}  ${f3(s.precision).padStart(9)}  ${f3(s.recall).padStart(6)}  ${f3(s.f1).padStart(5)}`)
  }
}

try {
  main()
} catch (error) {
  process.stderr.write(`train failed: ${(error as Error).message}\n`)
  process.exit(1)
}
