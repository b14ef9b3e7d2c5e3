import { defineConfig } from 'vitest/config'

// Three tiers, chosen by suffix: `*.test.ts` unit (node), `*.pg.test.ts` PostgreSQL + PGlite,
// `*.e2e.test.ts` headless Chromium. `npm test` runs all three; `vitest run --project pg` one.
// Tiers run one after the other (groupOrder): a browser and a PGlite instance side by side on
// two cores would make each other's timeouts.
const ROOTS = ['server', 'client', 'test', 'e2e', 'bench']
const testsEnding = (suffix: string) => ROOTS.map((root) => `${root}/**/*${suffix}`)

/** A tier whose files hold a PGlite instance (~1 GB) or a browser: one file at a time. */
const serialTier = (name: string, suffix: string, groupOrder: number) => ({
  test: {
    name,
    include: testsEnding(suffix),
    fileParallelism: false,
    pool: 'forks' as const,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    sequence: { groupOrder },
  },
})

export default defineConfig({
  test: {
    // Days are cut in Asia/Ho_Chi_Minh by the code itself; the process zone must not matter.
    env: { TZ: process.env.TZ ?? 'UTC' },
    projects: [
      {
        test: {
          name: 'unit',
          include: testsEnding('.test.ts'),
          exclude: ['**/*.pg.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
          testTimeout: 20_000,
          sequence: { groupOrder: 0 },
        },
      },
      serialTier('pg', '.pg.test.ts', 1),
      serialTier('e2e', '.e2e.test.ts', 2),
    ],
  },
})
