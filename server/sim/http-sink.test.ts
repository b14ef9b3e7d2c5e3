import { test } from 'vitest'
import assert from 'node:assert/strict'
import { emptyTotals } from './cli-options'
import { createHttpSink, FatalSinkError, readAnswer } from './http-sink'

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
