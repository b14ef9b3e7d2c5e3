import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createNormaliser, parseAbbreviations, type Normaliser } from '../core/vi-normalise'

export const DEFAULT_NLP_DIR = fileURLToPath(new URL('../../data/nlp/', import.meta.url))

/** Reads `abbreviations.json` and `words.txt` once and builds the normaliser (NLP-1). */
export function loadNormaliser(dir = DEFAULT_NLP_DIR): Normaliser {
  const file = (name: string) => join(dir, name)
  try {
    const abbreviations = parseAbbreviations(JSON.parse(readFileSync(file('abbreviations.json'), 'utf8')))
    const words = readFileSync(file('words.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
    return createNormaliser({ abbreviations, words })
  } catch (error) {
    throw new Error(`cannot load the normaliser's data from ${dir}: ${(error as Error).message}`)
  }
}
