/**
 * npm run --silent classify -- [--boundaries A.geojson,B.geojson] (NLP-4, an exact contract):
 * NDJSON `{"text": "…"}` on stdin → one NDJSON line per input line, in order, on stdout:
 * `{"category", "group", "confidence", "sentiment", "places": [{"level", "code", "name"}]}`, or
 * `{"error"}` for a line that is not such an object. Blank lines are no input. Place codes are
 * those of the boundary files, else of the database's boundaries. Logs go to stderr only.
 */
import { parseArgs } from 'node:util'
import type { Gazetteer } from '../core/gazetteer'
import { NdjsonLines, type NdjsonLine } from '../core/ndjson-lines'
import type { TextReader } from '../core/text-reading'
import { gazetteerFromFiles, loadTextReader } from '../nlp/load-classifier'

const USAGE = 'usage: npm run --silent classify -- [--boundaries A.geojson,B.geojson] < posts.ndjson'

export function classifyLine(line: NdjsonLine, read: TextReader): string | null {
  if ('fault' in line) return JSON.stringify({ error: `line ${line.line} ${line.fault}` })
  if (line.text.trim() === '') return null
  let input: unknown
  try {
    input = JSON.parse(line.text)
  } catch (error) {
    return JSON.stringify({ error: `line ${line.line} is not JSON: ${(error as Error).message}` })
  }
  const text = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as { text?: unknown }).text : undefined
  if (typeof text !== 'string') return JSON.stringify({ error: `line ${line.line} has no "text" string: send {"text": "…"}` })
  const got = read(text)
  const places = got.places.map(({ level, code, name }) => ({ level, code, name }))
  return JSON.stringify({ category: got.category, group: got.group, confidence: got.confidence, sentiment: got.sentiment, places })
}

/** The boundaries stored by npm run import:boundaries (DATABASE_URL, or the embedded database under DATA_DIR). */
async function gazetteerFromStore(): Promise<Gazetteer> {
  const [{ loadConfig }, { connectDatabase }, { storedGazetteerUnits, loadPlaceData }, { buildGazetteer }] = await Promise.all([
    import('../config'),
    import('../db/connect'),
    import('../nlp/gazetteer-source'),
    import('../core/gazetteer'),
  ])
  const config = loadConfig()
  const db = connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  const advice = 'import them with npm run import:boundaries, or pass --boundaries A.geojson,B.geojson'
  try {
    const units = await storedGazetteerUnits(db).catch((error: Error) => {
      throw new Error(`cannot read the database's boundaries (${error.message}): ${advice}`)
    })
    if (units.length === 0) throw new Error(`the database holds no boundaries: ${advice}`)
    return buildGazetteer(units, loadPlaceData())
  } finally {
    await db.close()
  }
}

async function main() {
  let boundaries: string | undefined
  try {
    ;({ boundaries } = parseArgs({ options: { boundaries: { type: 'string' } } }).values)
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`)
  }
  const gazetteer = boundaries ? gazetteerFromFiles(boundaries.split(',').filter((f) => f !== '')) : await gazetteerFromStore()
  const read = loadTextReader(gazetteer)
  const lines = new NdjsonLines()
  const write = (batch: NdjsonLine[]) => {
    const out = batch.map((line) => classifyLine(line, read)).filter((l) => l !== null)
    if (out.length > 0) process.stdout.write(out.join('\n') + '\n')
  }
  for await (const chunk of process.stdin) write(lines.push(chunk as Buffer))
  write(lines.end())
}

main().catch((error: unknown) => {
  process.stderr.write(`classify failed: ${(error as Error).message}\n`)
  process.exit(1)
})
