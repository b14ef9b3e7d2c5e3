/**
 * Files of the classifier (NLP-2): the model npm run train writes, the lexicon it reads, the
 * labelled posts, and the boundary files the CLIs turn into a gazetteer.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseBoundaryFeatures } from '../core/boundary-features'
import { createClassifier, type Classifier, type ClassifierModel, type Lexicon, type Sentiment } from '../core/classifier'
import { buildGazetteer, type Gazetteer, type GazetteerUnit } from '../core/gazetteer'
import { createTextReader, type TextReader } from '../core/text-reading'
import { loadTaxonomy } from '../categories-file'
import { loadPlaceData } from './gazetteer-source'
import { DEFAULT_NLP_DIR, loadNormaliser } from './load-normaliser'

export const MODEL_FILE = join(DEFAULT_NLP_DIR, 'model.json')
export const LEXICON_FILE = join(DEFAULT_NLP_DIR, 'lexicon.json')

const readJson = (file: string, what: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new Error(`cannot read the ${what} ${file}: ${(error as Error).message}`)
  }
}

export function loadLexicon(file = LEXICON_FILE): Lexicon {
  const lexicon = readJson(file, 'lexicon') as Lexicon
  if (typeof lexicon.categories !== 'object' || typeof lexicon.sentiment !== 'object') {
    throw new Error(`${file} must hold {categories, sentiment}`)
  }
  return lexicon
}

/** Category codes → groups from data/categories.json. */
export function loadGroups(): Map<string, string> {
  return new Map(loadTaxonomy().categories.map((c) => [c.code, c.group]))
}

export function loadClassifier(file = MODEL_FILE): Classifier {
  return createClassifier(readJson(file, 'model (npm run train writes it)') as ClassifierModel, loadGroups())
}

/** The normaliser, the model and a gazetteer, read through one composition (NLP-7). */
export function loadTextReader(gazetteer: Gazetteer): TextReader {
  return createTextReader({ normalise: loadNormaliser(), classify: loadClassifier(), gazetteer })
}

export interface LabelledPost {
  id: string
  text: string
  category: string
  group: string
  sentiment: Sentiment
  places: { level: string; code: string }[]
}

/** data/nlp/train.ndjson or eval.ndjson, one post a line. */
export function readLabelled(file: string): LabelledPost[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as LabelledPost
      } catch (error) {
        throw new Error(`${file}:${i + 1}: ${(error as Error).message}`)
      }
    })
}

/**
 * A gazetteer from GeoJSON boundary files, read as the importer reads them (code and name
 * properties detected; `district_code` on a ward file is its parent). The level comes from the
 * properties: a file whose features carry `ward_code` is wards, `district_code` alone districts.
 */
export function gazetteerFromFiles(files: readonly string[]): Gazetteer {
  const units: GazetteerUnit[] = files.flatMap((file) => {
    const collection = readJson(file, 'boundary file') as { features?: { properties?: Record<string, unknown> }[] }
    const props = collection.features?.[0]?.properties ?? {}
    const level = ['ward', 'district', 'province'].find((l) => `${l}_code` in props) ?? 'unit'
    const parentProp = level === 'ward' && 'district_code' in props ? 'district_code' : level === 'district' && 'province_code' in props ? 'province_code' : undefined
    const { units } = parseBoundaryFeatures(collection, { level, parentProp })
    return units.map(({ code, level, name, parentCode }) => ({ code, level, name, parentCode }))
  })
  return buildGazetteer(units, loadPlaceData())
}
