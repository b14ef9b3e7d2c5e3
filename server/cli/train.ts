/**
 * npm run train [-- --out FILE]: rebuilds data/nlp/model.json (NLP-2) from data/nlp/train.ndjson
 * and data/nlp/lexicon.json only — never from eval.ndjson. Same input, same bytes.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { cuePhrases, trainModel, type Sentiment } from '../core/classifier'
import { loadGroups, loadLexicon, MODEL_FILE, readLabelled } from '../nlp/load-classifier'
import { DEFAULT_NLP_DIR, loadNormaliser } from '../nlp/load-normaliser'

export const TRAIN_FILE = join(DEFAULT_NLP_DIR, 'train.ndjson')

function main() {
  const { values } = parseArgs({ options: { out: { type: 'string', default: MODEL_FILE } } })
  const normalise = loadNormaliser()
  const groups = loadGroups()
  const lexicon = loadLexicon()
  const posts = readLabelled(TRAIN_FILE)
  const strange = [...posts.map((p) => p.category), ...Object.keys(lexicon.categories)].filter((c) => !groups.has(c))
  if (strange.length > 0) throw new Error(`categories not in data/categories.json: ${[...new Set(strange)].join(', ')}`)
  const model = trainModel(
    posts.map((p) => ({ normalised: normalise(p.text), category: p.category, sentiment: p.sentiment as Sentiment })),
    cuePhrases(lexicon, normalise),
  )
  writeFileSync(values.out, JSON.stringify(model) + '\n')
  process.stderr.write(`${values.out}: ${posts.length} posts, ${model.category.labels.length} categories\n`)
}

try {
  main()
} catch (error) {
  process.stderr.write(`train failed: ${(error as Error).message}\n`)
  process.exit(1)
}
