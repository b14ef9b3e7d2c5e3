import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const QUERIES_DIR = fileURLToPath(new URL('./queries/', import.meta.url))

const cache = new Map<string, string>()

/** A named query from server/db/queries/NAME.sql, read once. */
export function namedQuery(name: string): string {
  let text = cache.get(name)
  if (text === undefined) {
    text = readFileSync(`${QUERIES_DIR}${name}.sql`, 'utf8')
    cache.set(name, text)
  }
  return text
}
