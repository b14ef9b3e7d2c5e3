/**
 * The text reader ingest uses (NLP-7), its gazetteer following the stored boundaries: another
 * process may import boundaries into the same PostgreSQL, so the boundaries' signature is asked
 * at most once per `refreshMs` of the clock, and the gazetteer rebuilt when it changed — importing
 * another set (168 ward-level units and no districts) changes what texts are placed in within
 * that time, with no restart.
 */
import type { Clock } from '../core/clock'
import type { TextReader } from '../core/text-reading'
import type { Queryable } from '../db/database'
import { namedQuery } from '../db/queries'
import { gazetteerFromDatabase, loadPlaceData } from './gazetteer-source'
import { loadTextReader } from './load-classifier'

export interface BoundaryTextReader {
  /** The reader for the boundaries stored now (as of the last check). */
  current(): Promise<TextReader>
}

export interface BoundaryTextReaderDeps {
  db: Queryable
  clock: Clock
  /** How stale the gazetteer may be after another process imported boundaries. */
  refreshMs?: number
}

export const BOUNDARY_CHECK_MS = 60_000

export function boundaryTextReader(deps: BoundaryTextReaderDeps): BoundaryTextReader {
  const refreshMs = deps.refreshMs ?? BOUNDARY_CHECK_MS
  const places = loadPlaceData()
  let reader: { read: TextReader; signature: string } | null = null
  let checkedAt = -Infinity
  let checking: Promise<TextReader> | null = null

  const signature = async () => {
    const { rows } = await deps.db.query<{ units: number; last_import: string }>(namedQuery('boundary-signature'))
    return `${rows[0]?.units ?? 0}|${rows[0]?.last_import ?? ''}`
  }
  const check = async (): Promise<TextReader> => {
    const seen = await signature()
    checkedAt = deps.clock.now().getTime()
    // Rare (an import): the model files are read again with the new gazetteer.
    if (reader?.signature !== seen) reader = { read: loadTextReader(await gazetteerFromDatabase(deps.db, places)), signature: seen }
    return reader.read
  }

  return {
    async current() {
      if (reader && deps.clock.now().getTime() - checkedAt < refreshMs) return reader.read
      return (checking ??= check().finally(() => (checking = null)))
    },
  }
}
