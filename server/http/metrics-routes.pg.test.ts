/** GET /metrics: Prometheus text whose ingest counters say exactly what was posted. */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { parsePrometheusText, sampleValue, type MetricFamily } from '../../test/support/prometheus'
import { insertTestBoundaries, post, startTestServer, TEST_API_KEY } from '../../test/support/server'
import type { OpsWall } from '../app'

const ndjson = (lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n'
const NDJSON = { 'content-type': 'application/x-ndjson' }
/** Each producer's key writes as its source (ING-8). */
const KEYS = { 'hotline-1022': 'hotline-producer-key-01', 'zalo-oa': 'zalo-producer-key-0001' }
const HOTLINE = { ...NDJSON, 'x-api-key': KEYS['hotline-1022'] }
const ZALO = { ...NDJSON, 'x-api-key': KEYS['zalo-oa'] }

function event(source: string, id: string, patch: Record<string, unknown> = {}) {
  return { kind: 'complaint', source, source_id: id, occurred_at: new Date(Date.now() - 60_000).toISOString(), lat: 10.75, lon: 106.68, category: 'flooding', ...patch }
}

for (const driver of DRIVERS) {
  describe(`GET /metrics [${driver.name}]`, () => {
    let test: TestDatabase
    let server: OpsWall

    beforeAll(async () => {
      test = await driver.create()
      await insertTestBoundaries(test.db)
      server = await startTestServer(test.db, { producers: { test: TEST_API_KEY, ...KEYS } })
    })
    afterAll(async () => {
      await server?.close()
      await test?.drop()
    })

    const scrape = async (): Promise<Map<string, MetricFamily>> => {
      const res = await fetch(`${server.url}/metrics`)
      assert.equal(res.status, 200)
      assert.match(String(res.headers.get('content-type')), /^text\/plain; version=0\.0\.4(;|$)/)
      return parsePrometheusText(await res.text())
    }

    it('counts accepted, duplicate and rejected events per source, and rejections per field', async () => {
      const first = await post(`${server.url}/api/v1/events`, ndjson([
        event('hotline-1022', 'a'),
        event('hotline-1022', 'b'),
        event('hotline-1022', 'c', { lat: 106.68, lon: 10.75 }), // swapped: rejected on lat
        '{not json',
        event('hotline-1022', 'd', { lat: undefined, lon: undefined, unit: 'NOPE' }), // unknown unit
        event('zalo-oa', 'e'), // another producer's source: rejected on source, counted under the key's
      ]), HOTLINE)
      assert.deepEqual((await first.json()).accepted, 2)
      const second = await post(`${server.url}/api/v1/events`, ndjson([event('hotline-1022', 'a')]), HOTLINE)
      assert.deepEqual(await second.json(), { accepted: 0, duplicates: 1, rejected: [] })
      const third = await post(`${server.url}/api/v1/events`, ndjson([event('zalo-oa', 'z1'), event('zalo-oa', 'z1')]), ZALO)
      assert.deepEqual(await third.json(), { accepted: 1, duplicates: 1, rejected: [] })
      // all or nothing: the good line is not stored, so only the rejection counts
      const atomic = await post(`${server.url}/api/v1/events?atomic=true`, ndjson([event('zalo-oa', 'z2'), event('zalo-oa', 'z3', { category: 'potholes' })]), ZALO)
      assert.equal(atomic.status, 400)
      const open311 = (fields: Record<string, string>) =>
        fetch(`${server.url}/open311/v2/requests.json`, {
          method: 'POST',
          body: new URLSearchParams({ api_key: TEST_API_KEY, service_code: 'flooding', ...fields }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'o-1' },
        })
      assert.equal((await open311({ lat: '10.75', long: '106.68' })).status, 201)
      assert.equal((await open311({ lat: '10.75', long: '106.68' })).status, 200)
      assert.equal((await open311({ lat: '10.75', long: '999' })).status, 400)

      const families = await scrape()
      const events = (result: string, source: string) => sampleValue(families, 'opswall_ingest_events_total', { result, source })
      assert.equal(events('accepted', 'hotline-1022'), 2)
      assert.equal(events('duplicate', 'hotline-1022'), 1)
      assert.equal(events('rejected', 'hotline-1022'), 4, 'a line that is not JSON, or that claims another source, is the key\'s producer\'s')
      assert.equal(events('accepted', 'zalo-oa'), 1)
      assert.equal(events('duplicate', 'zalo-oa'), 1)
      assert.equal(events('rejected', 'zalo-oa'), 1)
      // Open311 events take the source of the producer's API key
      assert.equal(events('accepted', 'test'), 1)
      assert.equal(events('duplicate', 'test'), 1)
      assert.equal(events('rejected', 'test'), 1)
      assert.equal(families.get('opswall_ingest_events_total')!.samples.length, 9, 'no other series')
      const rejections = Object.fromEntries(families.get('opswall_ingest_rejections_total')!.samples.map((s) => [s.labels.reason, s.value]))
      // Reasons use the event contract's field names whatever the producer's format (Open311 `long` is `lon`).
      assert.deepEqual(rejections, { lat: 1, line: 1, unit: 1, source: 1, category: 1, lon: 1 })
      // committed batches only: three bulk requests, two Open311 posts (the atomic request rolled back)
      assert.equal(sampleValue(families, 'opswall_ingest_batch_seconds_count'), 5)
      assert.equal(sampleValue(families, 'opswall_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/events', status: '200' }), 3)
      assert.equal(sampleValue(families, 'opswall_http_request_duration_seconds_count', { method: 'POST', route: '/open311/v2/requests.json', status: '201' }), 1)
    })

    it('reports database connections, the live metrics and the process', async () => {
      const families = await scrape()
      const pool = (state: string) => sampleValue(families, 'opswall_db_pool_connections', { state })
      for (const state of ['total', 'idle', 'waiting']) assert.ok(Number.isInteger(pool(state)), `${state}: ${pool(state)}`)
      assert.ok(pool('total')! >= 1)
      assert.ok(pool('idle')! <= pool('total')!)
      if (driver.name === 'pglite') assert.equal(pool('total'), 1)
      for (const name of ['opswall_live_socket_clients', 'opswall_live_subscriptions', 'opswall_live_redis_log_lag_seconds', 'opswall_live_keyframes_total', 'opswall_live_slow_clients_total']) {
        assert.equal(sampleValue(families, name), 0, name)
      }
      assert.equal(families.get('opswall_live_delta_lag_seconds')?.type, 'histogram')
      assert.ok(sampleValue(families, 'process_cpu_user_seconds_total')! > 0)
      assert.equal(families.get('opswall_http_request_duration_seconds')?.type, 'histogram')
    })

    it('goes through the access guard and answers with a request id like every route', async () => {
      const res = await fetch(`${server.url}/metrics`, { headers: { 'x-request-id': 'scrape-1' } })
      assert.equal(res.headers.get('x-request-id'), 'scrape-1')
      assert.equal(server.metrics.registry, server.metrics.registry)
    })
  })
}
