/** Reads ../shared/data/complaints/nyc311-2023-02-28.csv (real 311 records) for tests and benches. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const NYC311_FILE = fileURLToPath(new URL('../../../shared/data/complaints/nyc311-2023-02-28.csv', import.meta.url))

/** One 311 record as written (local times without zone; empty strings where the city left a blank). */
export interface Nyc311Row {
  unique_key: string
  created_date: string
  /** Empty while open; also set on some rows that are not closed (a DOB copy of created_date, a planned date). */
  closed_date: string
  /** The city agency handling it (DOB, HPD, NYPD…). */
  agency: string
  complaint_type: string
  descriptor: string
  /** Closed, Open, In Progress, Assigned, Pending, Started. */
  status: string
  borough: string
  incident_zip: string
  latitude: string
  longitude: string
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') row.push(field), (field = '')
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field), rows.push(row), (row = []), (field = '')
    } else field += c
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row)
  return rows
}

export function readNyc311(): Nyc311Row[] {
  const [header, ...rows] = parseCsv(readFileSync(NYC311_FILE, 'utf8'))
  return rows.filter((r) => r.length === header!.length).map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])) as unknown as Nyc311Row)
}

/** NYC's local times carry no zone; on 2023-02-28 New York was on EST (UTC−5). */
export function nycInstant(local: string): string {
  return `${local}-05:00`
}
