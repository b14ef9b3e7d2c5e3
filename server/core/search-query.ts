/**
 * Search's parameters (CON-8): `q` as an event id or a producer's id, else as words folded the way
 * the database folds the stored text (asciiFold); `scope`; the page. Pure.
 */
import { z } from 'zod'
import { queryKey } from './cursor'
import { cursorField, limitField, pageOf, type Page } from './console-query'
import { optional, parseQuery, single, unknownParameter } from './query-parameters'
import { asciiFold } from './text'
import { CITY_SCOPE } from './windows'

export const MAX_QUERY_LENGTH = 200

export interface SearchQuery {
  q: string
  /** `q` read as an event id (digits that fit a bigint), else null. */
  id: string | null
  /** `q` as a producer's `source_id`, exactly. */
  sourceId: string
  /** LIKE patterns, one per folded word: every one must match. */
  patterns: string[]
  /** The longest word's pattern: the one the trigram index is asked for. */
  indexPattern: string
  scope: string
  page: Page
}

/** `%`, `_` and `\` are LIKE's own: a word holding them means them. */
const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

const SEARCH_PARAMETERS = ['q', 'scope', 'limit', 'cursor']
const Q_ERROR = `is required: an event id, a source id, or words, 1–${MAX_QUERY_LENGTH} characters`

export function parseSearchQuery(raw: Record<string, unknown>, context: { now: Date; secret: string }): SearchQuery {
  const schema = z.strictObject(
    {
      q: z.preprocess(
        (value) => (typeof value === 'string' ? value.trim() : value),
        single(Q_ERROR).min(1, { error: Q_ERROR }).max(MAX_QUERY_LENGTH, { error: `is longer than ${MAX_QUERY_LENGTH} characters` }),
      ),
      scope: optional(single('city or a unit code').max(64, { error: 'is longer than 64 characters; a unit code is shorter' })),
      limit: limitField,
      cursor: cursorField,
    },
    unknownParameter(SEARCH_PARAMETERS),
  )
  const query = parseQuery(schema, raw, SEARCH_PARAMETERS)
  const words = [...new Set(asciiFold(query.q).split(' ').filter((word) => word !== ''))]
  // A q of marks alone folds to nothing: it then matches every text, as an empty word would.
  const patterns = (words.length > 0 ? words : ['']).map(likePattern)
  const longest = patterns.reduce((a, b) => (b.length > a.length ? b : a))
  const scope = query.scope ?? CITY_SCOPE
  const key = queryKey({ search: words, scope })
  return {
    q: query.q,
    id: /^\d{1,18}$/.test(query.q) ? query.q : null,
    sourceId: query.q,
    patterns,
    indexPattern: longest,
    scope,
    page: pageOf(query.cursor, context, key, query.limit),
  }
}
