import { afterEach, describe, test } from 'vitest'
import assert from 'node:assert/strict'
import { emptyTotals } from './cli-options'
import { createHttpSink, DEFAULT_RETRY, FatalSinkError, readAnswer, retryDelayMs } from './http-sink'
import { closedPortUrl, fakeIngest, recordingSleep } from '../../test/support/fake-ingest'

const url = 'http://127.0.0.1:8080/api/v1/events'

test('reads the server answer, counting rejected_total when the list was cut', () => {
  assert.deepEqual(readAnswer(200, { accepted: 3, duplicates: 1, rejected: [] }, 4, url), { accepted: 3, duplicates: 1, rejected: 0 })
  const cut = readAnswer(400, { accepted: 0, duplicates: 0, rejected: [{ line: 2, field: 'kind', reason: 'is required' }], rejected_total: 1500 }, 1500, url)
  assert.deepEqual(cut, { accepted: 0, duplicates: 0, rejected: 1500, firstRejection: 'line 2: kind is required' })
})

test('failures no retry can fix are fatal and say what to do; server trouble is retryable', () => {
  assert.throws(() => readAnswer(401, {}, 1, url), (e) => e instanceof FatalSinkError && /--key/.test(e.message))
  assert.throws(() => readAnswer(404, {}, 1, url), (e) => e instanceof FatalSinkError && /--url/.test(e.message))
  assert.throws(() => readAnswer(413, {}, 1, url), (e) => e instanceof FatalSinkError && /--batch/.test(e.message))
  assert.throws(() => readAnswer(503, { error: { message: 'database is starting' } }, 1, url), (e) => !(e instanceof FatalSinkError) && /503: database is starting/.test((e as Error).message))
  assert.throws(() => readAnswer(200, { ok: true }, 1, url), FatalSinkError)
})

test('posts NDJSON with the API key and adds up the answers', async () => {
  const requests: { url: string; init: RequestInit }[] = []
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(input), init: init ?? {} })
    return new Response(JSON.stringify({ accepted: 1, duplicates: 1, rejected: [] }), { status: 200 })
  }) as typeof fetch
  const totals = emptyTotals()
  const sink = createHttpSink({ url: 'http://wall:8080', key: 'k', totals, fetch: fakeFetch })
  await sink.send([{ a: 1 }, { b: 'ngập' }])
  assert.equal(requests[0]!.url, 'http://wall:8080/api/v1/events')
  assert.deepEqual(requests[0]!.init.headers, { 'content-type': 'application/x-ndjson', 'x-api-key': 'k' })
  assert.equal(requests[0]!.init.body, '{"a":1}\n{"b":"ngập"}\n')
  assert.deepEqual(totals, { sent: 2, accepted: 1, duplicates: 1, rejected: 0, undelivered: 0 })
})

describe('over a real connection', () => {
  const servers: Array<{ close(): Promise<void> }> = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()))
  })

  test('a refused connection is retried with doubling waits, then fails with the URL and what to do', async () => {
    const url = await closedPortUrl()
    const { waits, sleep } = recordingSleep()
    const notices: string[] = []
    const totals = emptyTotals()
    const sink = createHttpSink({ url, key: 'k', totals, sleep, onRetry: (n) => notices.push(`${n.failed}/${n.attempts} ${n.delayMs}`) })
    const error = await sink.send([{ a: 1 }]).then(
      () => assert.fail('an unreachable server must not be an answer'),
      (e: unknown) => e,
    )
    assert.ok(error instanceof FatalSinkError)
    assert.equal(
      error.message,
      `cannot reach ${url}/api/v1/events (ECONNREFUSED) after 5 attempts over 15 s — is the server running? ` +
        'Start it with `npm start`, or pass --url with the address of a running OpsWall server',
    )
    assert.deepEqual(waits, [1000, 2000, 4000, 8000])
    assert.deepEqual(notices, ['1/5 1000', '2/5 2000', '3/5 4000', '4/5 8000'])
    assert.deepEqual(totals, emptyTotals())
  })

  test('a server that answers 503 for a while is retried until it accepts', async () => {
    const server = await fakeIngest({ failFirst: 2, status: 503 })
    servers.push(server)
    const { waits, sleep } = recordingSleep()
    const totals = emptyTotals()
    const sink = createHttpSink({ url: server.url, key: 'secret-key', totals, sleep })
    assert.deepEqual(await sink.send([{ a: 1 }, { b: 2 }, { c: 3 }]), { accepted: 3, duplicates: 0, rejected: 0 })
    assert.deepEqual(waits, [1000, 2000])
    assert.equal(server.requests.length, 3)
    assert.equal(server.requests[2]!.headers['x-api-key'], 'secret-key')
    assert.equal(server.requests[2]!.headers['content-type'], 'application/x-ndjson')
    assert.deepEqual(totals, { sent: 3, accepted: 3, duplicates: 0, rejected: 0, undelivered: 0 })
  })

  test('a server that keeps answering 503 loses that batch only: a plain error, not fatal', async () => {
    const server = await fakeIngest({ failFirst: 99, status: 503 })
    servers.push(server)
    const { waits, sleep } = recordingSleep()
    const sink = createHttpSink({ url: server.url, key: 'k', totals: emptyTotals(), sleep, retry: { attempts: 3, firstDelayMs: 500, maxDelayMs: 600 } })
    await assert.rejects(sink.send([{ a: 1 }]), (e: Error) => !(e instanceof FatalSinkError) && /HTTP 503: database is starting \(3 attempts over 1 s\)/.test(e.message))
    assert.deepEqual(waits, [500, 600])
    assert.equal(server.requests.length, 3)
  })

  test('a refused key is not retried', async () => {
    const server = await fakeIngest({ failFirst: 99, status: 403 })
    servers.push(server)
    const { waits, sleep } = recordingSleep()
    const sink = createHttpSink({ url: server.url, key: 'k', totals: emptyTotals(), sleep })
    await assert.rejects(sink.send([{ a: 1 }]), (e) => e instanceof FatalSinkError && /--key/.test(e.message))
    assert.deepEqual(waits, [])
  })
})

test('the waits double up to the cap', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((failed) => retryDelayMs(DEFAULT_RETRY, failed)), [1000, 2000, 4000, 8000, 8000, 8000])
})
