import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseCategories, type Category } from './core/categories'

export const DEFAULT_CATEGORIES_FILE = fileURLToPath(new URL('../data/categories.json', import.meta.url))

export function loadCategories(file = DEFAULT_CATEGORIES_FILE): Category[] {
  try {
    return parseCategories(JSON.parse(readFileSync(file, 'utf8')))
  } catch (error) {
    throw new Error(`cannot load categories from ${file}: ${(error as Error).message}`)
  }
}
