/**
 * `npm start` runs this before the server: builds the client (vite build → dist/client) only when
 * its sources changed since the last build, so later starts skip the 10–16 s build.
 *   npx tsx server/cli/build-client-if-stale.ts [--force]
 * Prints one line either way (plus Vite's warnings, if any).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { decideClientBuild, hashClientInputs, readBuildStamp, writeBuildStamp } from './client-build-stamp'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const OUT_DIR = path.join(ROOT, 'dist/client')

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--force')
  if (unknown.length > 0) {
    console.error(`unknown argument ${unknown.join(' ')} — the only option is --force (rebuild even when nothing changed)`)
    return 2
  }
  const began = performance.now()
  const inputs = hashClientInputs(ROOT)
  const decision = decideClientBuild({
    inputs,
    stamp: readBuildStamp(OUT_DIR),
    hasIndexHtml: existsSync(path.join(OUT_DIR, 'index.html')),
    force: argv.includes('--force'),
  })
  if (!decision.build) {
    console.log(`client: up to date, not rebuilt (${decision.reason}; checked in ${seconds(began)} s)`)
    return 0
  }
  // Loaded only when needed: importing Vite alone takes longer than the whole check.
  const { build } = await import('vite')
  await build({ root: ROOT, logLevel: 'warn' })
  writeBuildStamp(OUT_DIR, inputs, new Date())
  console.log(`client: built into dist/client in ${seconds(began)} s (${decision.reason})`)
  return 0
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1)

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // Vite has already printed the compiler's message with file and line.
    console.error(`client: build failed — ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
