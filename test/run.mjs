#!/usr/bin/env node
// Runs one test tier (unit | pg | e2e | all) with node's own test runner and tsx.
// Tiers by suffix: *.test.ts unit, *.pg.test.ts PostgreSQL + PGlite, *.e2e.test.ts browser.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const ROOTS = ['server', 'client', 'test', 'e2e', 'bench']
const tier = process.argv[2] ?? 'all'
const filter = process.argv[3]

function walk(dir, out = []) {
  let entries = []
  try {
    entries = readdirSync(dir)
  } catch {
    return out
  }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) walk(full, out)
    else if (name.endsWith('.test.ts')) out.push(full)
  }
  return out
}

const tierOf = (file) => (file.endsWith('.pg.test.ts') ? 'pg' : file.endsWith('.e2e.test.ts') ? 'e2e' : 'unit')
const files = ROOTS.flatMap((root) => walk(root))
  .filter((f) => tier === 'all' || tierOf(f) === tier)
  .filter((f) => !filter || f.includes(filter))
  .sort((a, b) => ['unit', 'pg', 'e2e'].indexOf(tierOf(a)) - ['unit', 'pg', 'e2e'].indexOf(tierOf(b)) || a.localeCompare(b))

if (files.length === 0) {
  console.error(`no test files for tier "${tier}"${filter ? ` matching "${filter}"` : ''}`)
  process.exit(1)
}
// Database and browser suites each hold a PGlite instance (~1 GB) or a Chromium: one file at a time.
const concurrency = tier === 'unit' ? '2' : '1'
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=300000', ...files],
  { stdio: 'inherit', env: { ...process.env, TZ: process.env.TZ ?? 'UTC' } },
)
process.exit(result.status ?? 1)
