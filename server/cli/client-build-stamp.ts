/**
 * Whether `npm start` must rebuild the client: a hash of everything `vite build` reads, compared
 * with the stamp the last build left in dist/client. Used by build-client-if-stale.ts.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * What the client build reads, relative to the project root: its sources, the server/core files it
 * imports (the wire contract, H3 helpers), Vite's and TypeScript's configuration, the installed
 * package versions (through the lock file) and the `.env` files Vite loads. Folders are walked.
 */
export const CLIENT_BUILD_INPUTS = [
  'client',
  'server/core',
  'index.html',
  'vite.config.ts',
  'tsconfig.json',
  'package-lock.json',
  '.env',
  '.env.local',
  '.env.production',
  '.env.production.local',
] as const

/** A dotfile: express.static does not serve it to browsers. */
export const STAMP_FILE = '.opswall-build-stamp'

/** Tests are never part of the bundle; editing one must not cost a 15 s rebuild. */
const isTest = (name: string) => /\.test\.ts$/.test(name)

/**
 * sha256 over the relative path and content of every input file, in a fixed order, so the result
 * does not depend on the file system's listing order or on modification times. A missing input
 * counts as missing: creating `.env` later changes the hash.
 */
export function hashClientInputs(root: string, inputs: readonly string[] = CLIENT_BUILD_INPUTS): string {
  const files: string[] = []
  const walk = (relative: string) => {
    const absolute = path.join(root, relative)
    if (!existsSync(absolute)) return
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute).sort()) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue
        walk(path.posix.join(relative, entry))
      }
    } else if (!isTest(relative)) {
      files.push(relative)
    }
  }
  for (const input of inputs) walk(input)
  const hash = createHash('sha256')
  for (const file of files.sort()) {
    const content = readFileSync(path.join(root, file))
    hash.update(`${file}\0${content.length}\0`).update(content)
  }
  return hash.digest('hex')
}

export interface BuildStamp {
  inputs: string
  builtAt: string
}

/** The stamp of the last build, or null when there is none or it cannot be read. */
export function readBuildStamp(outDir: string): BuildStamp | null {
  try {
    const stamp = JSON.parse(readFileSync(path.join(outDir, STAMP_FILE), 'utf8')) as Partial<BuildStamp>
    return typeof stamp.inputs === 'string' && typeof stamp.builtAt === 'string' ? { inputs: stamp.inputs, builtAt: stamp.builtAt } : null
  } catch {
    return null
  }
}

/** Written after a successful build only; a rename, so a stopped build never leaves a half stamp. */
export function writeBuildStamp(outDir: string, inputs: string, now: Date): void {
  const file = path.join(outDir, STAMP_FILE)
  writeFileSync(`${file}.tmp`, JSON.stringify({ inputs, builtAt: now.toISOString() } satisfies BuildStamp) + '\n')
  renameSync(`${file}.tmp`, file)
}

export type BuildDecision = { build: false; reason: string } | { build: true; reason: string }

/** Pure: rebuild unless the last build was made from exactly these inputs and its page is there. */
export function decideClientBuild(state: { inputs: string; stamp: BuildStamp | null; hasIndexHtml: boolean; force: boolean }): BuildDecision {
  if (state.force) return { build: true, reason: 'asked to (--force)' }
  if (!state.hasIndexHtml) return { build: true, reason: 'no client build yet' }
  if (!state.stamp) return { build: true, reason: 'the last build left no stamp' }
  if (state.stamp.inputs !== state.inputs) return { build: true, reason: 'client sources changed since the last build' }
  return { build: false, reason: `built ${state.stamp.builtAt} from the same sources` }
}
