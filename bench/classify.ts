/**
 * Classification speed (issue 10 target: ≥ 5,000 texts/s on one core): normalise, classify and
 * place (the reader ingest uses, NLP-7) for each of data/nlp/eval.ndjson's posts, repeated, in this one process (one core).
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gazetteerFromFiles, loadTextReader, readLabelled } from '../server/nlp/load-classifier'
import { DEFAULT_NLP_DIR } from '../server/nlp/load-normaliser'
import { median, progress } from './stats'
import type { BenchRow } from './types'

const BOUNDARIES = ['hcmc-districts-22.geojson', 'hcmc-wards-312.geojson'].map((f) => fileURLToPath(new URL(`../../shared/data/boundaries/${f}`, import.meta.url)))
const ROUNDS = 7
const REPEAT = 10

export async function runClassifyBench(): Promise<BenchRow[]> {
  progress('loading normaliser, model and gazetteer')
  const read = loadTextReader(gazetteerFromFiles(BOUNDARIES))
  const texts = readLabelled(join(DEFAULT_NLP_DIR, 'eval.ndjson')).map((p) => p.text)
  const once = () => {
    for (const text of texts) read(text)
  }
  once() // warm the JIT and the word caches
  const rates: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    progress(`round ${round + 1}/${ROUNDS}: ${texts.length * REPEAT} texts`)
    const started = performance.now()
    for (let r = 0; r < REPEAT; r++) once()
    rates.push((texts.length * REPEAT) / ((performance.now() - started) / 1000))
  }
  const chars = texts.reduce((s, t) => s + t.length, 0) / texts.length
  return [{ bench: 'classify', metric: 'normalise + classify + places', value: Math.round(median(rates)), unit: 'texts/s median', note: `${ROUNDS} rounds of ${texts.length} eval posts × ${REPEAT} (mean ${chars.toFixed(0)} characters); target ≥ 5,000` }]
}
