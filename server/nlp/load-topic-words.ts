import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TopicWords } from '../core/topics'
import { loadLexicon } from './load-classifier'
import { DEFAULT_NLP_DIR } from './load-normaliser'

const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim().normalize('NFC'))
    .filter((line) => line !== '' && !line.startsWith('#'))

/** Reads `stopwords.txt`, `landmark-words.txt` and the lexicon's category phrases: the words topic phrases skip and follow (NLP-5). */
export function loadTopicWords(dir = DEFAULT_NLP_DIR): TopicWords {
  try {
    const categoryPhrases = Object.values(loadLexicon(join(dir, 'lexicon.json')).categories).flat()
    return { stopwords: new Set(lines(join(dir, 'stopwords.txt'))), landmarkWords: new Set(lines(join(dir, 'landmark-words.txt'))), categoryPhrases }
  } catch (error) {
    throw new Error(`cannot load the topic words from ${dir}: ${(error as Error).message}`)
  }
}
