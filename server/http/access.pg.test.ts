/** Security by default: every API route passes through the one access guard, first. */
import { categorySla } from '../core/sla'
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { loadTaxonomy } from '../categories-file'
import { systemClock } from '../core/clock'
import { createIntake } from '../ingest/intake'
import { createIngestor } from '../ingest/event-ingestor'
import { boundaryTextReader } from '../nlp/boundary-text-reader'
import { silentLog } from '../log'
import { createMetrics } from '../metrics'
import { loadNormaliser } from '../nlp/load-normaliser'
import { loadTopicWords } from '../nlp/load-topic-words'
import { guardedAction } from './access'
import { createHttpApp } from './app'

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean>; stack: Array<{ handle: unknown }> }
  handle?: { stack?: Layer[] }
}

function routes(stack: Layer[]): Array<{ path: string; method: string; first: unknown }> {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path]
      return paths.flatMap((path) => Object.keys(layer.route!.methods).map((method) => ({ path, method, first: layer.route!.stack[0]?.handle })))
    }
    return layer.handle?.stack ? routes(layer.handle.stack) : []
  })
}

const pg = DRIVERS.find((d) => d.name === 'pg')!

describe('access guard', () => {
  let test: TestDatabase
  beforeAll(async () => (test = await pg.create()))
  afterAll(() => test?.drop())

  it('guards every route of the API, Open311 and health, as its first handler', () => {
    const taxonomy = loadTaxonomy()
    const app = createHttpApp({
      db: test.db,
      intake: createIntake({ db: test.db, ingestor: createIngestor({ db: test.db, texts: boundaryTextReader({ db: test.db, clock: systemClock }), sla: categorySla(taxonomy.categories) }), categories: new Set(taxonomy.categories.map((c) => c.code)), clock: systemClock }),
      taxonomy,
      jurisdiction: 'test.example',
      clock: systemClock,
      log: silentLog,
      metrics: createMetrics(),
      apiKeys: new Map(),
      baseUrl: () => '',
      clientDir: null,
      startedAt: new Date(),
      alerts: { active: () => [], all: () => [] },
      nlp: { normalise: loadNormaliser(), words: loadTopicWords() },
      secret: 'test-secret',
    }) as unknown as { router: { stack: Layer[] } }
    const all = routes(app.router.stack)
    assert.ok(all.length >= 10, `found ${all.length} routes`)
    const unguarded = all.filter((r) => !guardedAction(r.first)).map((r) => `${r.method.toUpperCase()} ${r.path}`)
    assert.deepEqual(unguarded, [])
    const ingest = all.filter((r) => guardedAction(r.first) === 'ingest').map((r) => `${r.method} ${r.path}`).sort()
    assert.deepEqual(ingest, ['post /api/v1/events', 'post /open311/v2/requests.json', 'post /open311/v2/requests.xml'])
    const updates = all.filter((r) => guardedAction(r.first) === 'update:complaint').map((r) => `${r.method} ${r.path}`).sort()
    assert.deepEqual(updates, ['post /api/v1/complaints/:id/rating', 'post /api/v1/complaints/:id/status', 'post /api/v1/complaints/status'])
    assert.deepEqual(all.filter((r) => guardedAction(r.first) === 'read:metrics').map((r) => `${r.method} ${r.path}`), ['get /metrics'])
  })
})
