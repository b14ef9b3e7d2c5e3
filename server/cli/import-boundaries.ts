/**
 * npm run import:boundaries -- FILE.geojson --level district|ward|… [--code-prop P] [--name-prop P]
 *   [--parent-prop P] [--srid N]
 * Imports (or re-imports: upsert by code) one level of boundaries into DATABASE_URL, or into the
 * embedded database under DATA_DIR when DATABASE_URL is unset.
 */
import { DataDirLockedError } from '../db/data-dir-lock'
import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { BoundaryImportError, parseBoundaryFeatures } from '../core/boundary-features'
import { ConfigError, loadConfig, redactUrl } from '../config'
import { importBoundaryUnits, type ImportResult } from '../db/boundary-store'
import { connectDatabase } from '../db/connect'
import type { Database } from '../db/database'
import { migrate } from '../db/migrate'

const USAGE =
  'usage: npm run import:boundaries -- FILE.geojson --level district|ward|… [--code-prop P] [--name-prop P] [--parent-prop P] [--srid N]'

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const args = parseCliArgs(argv)
  const text = await readFile(args.file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${args.file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`)
  })
  let collection: unknown
  try {
    collection = JSON.parse(text)
  } catch (error) {
    throw new BoundaryImportError(`${args.file} is not valid JSON: ${(error as Error).message}`)
  }
  // Parsed before connecting: a bad file fails in milliseconds, not after the embedded start.
  const parsed = parseBoundaryFeatures(collection, args)
  process.stderr.write(
    `${args.file}: ${parsed.units.length} ${args.level} units (code "${parsed.codeProp}", name "${parsed.nameProp}"` +
      `${args.parentProp ? `, parent "${args.parentProp}"` : ''}, SRID ${parsed.srid})\n`,
  )

  const config = loadConfig()
  process.stderr.write(config.databaseUrl ? `database ${redactUrl(config.databaseUrl)}\n` : `embedded database in ${config.dataDir} (starting…)\n`)
  // PGlite creates its own folder but not the parents: a fresh DATA_DIR would fail with ENOENT.
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true })
  const db: Database = connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrate(db)
    const result = await importBoundaryUnits(db, parsed.units, {
      srid: parsed.srid,
      onProgress: ({ done, total }) => {
        if (process.stderr.isTTY) process.stderr.write(`\rimporting ${done}/${total}`)
        if (done === total && process.stderr.isTTY) process.stderr.write('\n')
      },
    })
    report(result)
  } finally {
    await db.close()
  }
}

function parseCliArgs(argv: string[]) {
  let values: Record<string, string | undefined>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        level: { type: 'string' },
        'code-prop': { type: 'string' },
        'name-prop': { type: 'string' },
        'parent-prop': { type: 'string' },
        srid: { type: 'string' },
      },
    }) as { values: Record<string, string | undefined>; positionals: string[] })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const [file, ...extra] = positionals
  if (!file) throw new UsageError('which file? give a GeoJSON file')
  if (extra.length > 0) throw new UsageError(`one file at a time (also got ${extra.join(', ')})`)
  if (!values.level) throw new UsageError('--level is required (e.g. --level district)')
  let srid: number | undefined
  if (values.srid !== undefined) {
    srid = Number(values.srid)
    if (!/^\d+$/.test(values.srid) || srid <= 0) throw new UsageError(`--srid must be a positive integer EPSG code, got "${values.srid}"`)
  }
  return {
    file,
    level: values.level,
    codeProp: values['code-prop'],
    nameProp: values['name-prop'],
    parentProp: values['parent-prop'],
    srid,
  }
}

function report(result: ImportResult) {
  for (const code of result.repaired) process.stderr.write(`repaired: ${code} (invalid geometry fixed by ST_MakeValid)\n`)
  const shown = result.unlinkedParents.slice(0, 10)
  for (const { code, parentCode } of shown) process.stderr.write(`warning: ${code}: parent ${parentCode} is not imported (yet)\n`)
  if (result.unlinkedParents.length > shown.length) {
    process.stderr.write(`warning: … and ${result.unlinkedParents.length - shown.length} more units with unknown parents\n`)
  }
  console.log(
    `imported ${result.imported} ${result.level} units (${result.inserted} new, ${result.updated} updated, ` +
      `${result.repaired.length} repaired, ${result.unlinkedParents.length} unlinked parents) in ${(result.ms / 1000).toFixed(1)} s`,
  )
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`import-boundaries: ${error.message}\n${USAGE}`)
    else if (error instanceof BoundaryImportError || error instanceof ConfigError || error instanceof DataDirLockedError) console.error(`import-boundaries: ${error.message}`)
    else console.error('import-boundaries: failed —', error)
    process.exit(error instanceof UsageError ? 2 : 1)
  },
)
