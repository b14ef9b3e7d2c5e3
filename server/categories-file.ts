import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseTaxonomy, type Taxonomy } from './core/categories'

export const DEFAULT_CATEGORIES_FILE = fileURLToPath(new URL('../data/categories.json', import.meta.url))

export function loadTaxonomy(file = DEFAULT_CATEGORIES_FILE): Taxonomy {
  try {
    return parseTaxonomy(JSON.parse(readFileSync(file, 'utf8')))
  } catch (error) {
    throw new Error(`cannot load categories from ${file}: ${(error as Error).message}`)
  }
}

/** The categories alone, for callers that need no groups or mappings. */
export const loadCategories = (file = DEFAULT_CATEGORIES_FILE) => loadTaxonomy(file).categories
