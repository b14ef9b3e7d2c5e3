import { defineConfig } from 'vitest/config'

// Three tiers, chosen by suffix: `*.test.ts` unit (node), `*.pg.test.ts` PostgreSQL + PGlite,
// `*.e2e.test.ts` headless Chromium. `npm test` runs all three; `vitest --project pg` one.
const ROOTS = ['server', 'client', 'test', 'e2e', 'bench']
const everyTest = ROOTS.map((root) => `${root}/**/*.test.ts`)

export default defineConfig({
  test: {
    // Days are cut in Asia/Ho_Chi_Minh by the code itself; the process zone must not matter.
    env: { TZ: process.env.TZ ?? 'UTC' },
    projects: [
      {
        test: {
          name: 'unit',
          include: everyTest,
          exclude: ['**/*.pg.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
          testTimeout: 20_000,
          // Tiers run one after the other: a browser and a PGlite instance side by side on two
          // cores would make each other's timeouts.
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'pg',
          include: ROOTS.map((root) => `${root}/**/*.pg.test.ts`),
          // Each file holds a PGlite instance (~1 GB) and PostgreSQL databases: one file at a time.
          fileParallelism: false,
          pool: 'forks',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ROOTS.map((root) => `${root}/**/*.e2e.test.ts`),
          fileParallelism: false,
          pool: 'forks',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
})
