/** Every request has an id, in its answer and on each of its log lines; failures keep their stack. */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { captureLog } from '../../test/support/log-capture'
import { parsePrometheusText, sampleValue } from '../../test/support/prometheus'
import { createMetrics } from '../metrics'
import { errorHandler, notFoundHandler } from './errors'
import { logRequestError, requestLogger, requestMetrics } from './observability'

describe('request logging and timing', () => {
  const captured = captureLog('debug')
  const metrics = createMetrics()
  let server: Server
  let base: string

  beforeAll(async () => {
    const app = express()
    app.use(requestLogger(captured.log), requestMetrics(metrics))
    app.get('/things/:id', (req, res) => {
      req.log.info({ contact: { phone: '0903 123 456' }, upstream: 'postgres://opswall:s3cr3t@db:5432/x' }, 'looked up')
      res.json({ id: req.params.id })
    })
    app.get('/boom', () => {
      throw new Error('lost the database at postgres://opswall:s3cr3t@db:5432/x')
    })
    app.use(notFoundHandler)
    app.use(errorHandler(logRequestError))
    server = createServer(app)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const linesOf = (reqId: string) => captured.entries().filter((e) => e.reqId === reqId)

  it('honours an incoming X-Request-Id, echoes it, and puts it on every line of the request', async () => {
    const res = await fetch(`${base}/things/42?api_key=k-123456789012`, {
      headers: { 'x-request-id': 'trace-abc.123', 'x-api-key': 'k-123456789012', authorization: 'Bearer tok-abcdef' },
    })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('x-request-id'), 'trace-abc.123')
    const lines = linesOf('trace-abc.123')
    assert.deepEqual(lines.map((l) => l.msg), ['looked up', 'GET /things/42 200'])
    const [lookedUp, done] = lines as Array<Record<string, any>>
    assert.equal(lookedUp!.contact, '[redacted]')
    assert.equal(lookedUp!.upstream, 'postgres://opswall:***@db:5432/x')
    assert.equal(done!.req.method, 'GET')
    assert.equal(done!.req.url, '/things/42?api_key=[redacted]')
    assert.equal(done!.req.headers['x-api-key'], '[redacted]')
    assert.equal(done!.req.headers.authorization, '[redacted]')
    assert.equal(done!.req.query.api_key, '[redacted]')
    assert.equal(done!.res.statusCode, 200)
    assert.equal(typeof done!.responseTime, 'number')
    const text = captured.raw.join('\n')
    for (const secret of ['s3cr3t', '0903', 'k-123456789012', 'tok-abcdef']) assert.ok(!text.includes(secret), `${secret} leaked`)
  })

  it('generates an id when there is none, or when the incoming one is not an id', async () => {
    const plain = await fetch(`${base}/things/1`)
    const generated = plain.headers.get('x-request-id')
    assert.match(String(generated), /^[0-9a-f-]{36}$/)
    assert.equal(linesOf(generated!).length, 2)
    const odd = await fetch(`${base}/things/2`, { headers: { 'x-request-id': 'not an id; <script>' } })
    assert.match(String(odd.headers.get('x-request-id')), /^[0-9a-f-]{36}$/)
  })

  it('logs a failure once with its stack, under the request id, and answers 500', async () => {
    const res = await fetch(`${base}/boom`, { headers: { 'x-request-id': 'req-boom' } })
    assert.equal(res.status, 500)
    const lines = linesOf('req-boom') as Array<Record<string, any>>
    assert.deepEqual(lines.map((l) => [l.level, l.msg]), [['error', 'GET /boom failed'], ['error', 'GET /boom 500']])
    assert.equal(lines[0]!.err.message, 'lost the database at postgres://opswall:***@db:5432/x')
    assert.match(lines[0]!.err.stack, /^Error: lost the database at postgres:\/\/opswall:\*\*\*@db:5432\/x\n\s+at .*observability\.test\.ts/)
    assert.equal(lines[1]!.err, undefined, 'no made-up second error')
  })

  it('times requests under their route pattern, never the raw path', async () => {
    await (await fetch(`${base}/nowhere/7`)).text()
    // A request is timed when its response closes, which may come just after the client has read it.
    const scrape = async () => parsePrometheusText(await metrics.registry.metrics())
    let families = await scrape()
    for (let i = 0; i < 50 && sampleValue(families, 'opswall_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' }) === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      families = await scrape()
    }
    const count = (route: string, status: string) => sampleValue(families, 'opswall_http_request_duration_seconds_count', { method: 'GET', route, status })
    assert.equal(count('/things/:id', '200'), 3)
    assert.equal(count('/boom', '500'), 1)
    assert.equal(count('unmatched', '404'), 1)
    const routes = families.get('opswall_http_request_duration_seconds')!.samples.map((s) => s.labels.route)
    assert.ok(!routes.some((r) => /\/things\/\d/.test(String(r))), 'no raw paths')
  })
})
