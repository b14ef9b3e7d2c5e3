/**
 * Hostile input for the ingest and lifecycle APIs (issues 8, 9): each kind of malformed request with the answer it
 * must get (status and the field to blame), and good requests whose events must be stored. Sent
 * over real HTTP: fetch for most, node:http where a request must lie about its length.
 */
import { request as httpRequest } from 'node:http'
import { TEST_API_KEY } from './server'

/** The source the test key belongs to (startTestServer: `test:test-producer-key-0001`). */
export const KEY_SOURCE = 'test'
/** Inside the demo Quận 1. */
const PLACE = { lat: 10.7725, lon: 106.6981 }
const MAX_BODY_BYTES = 50 * 1024 * 1024
/** An answer later than this is a stall: the request fails instead of hanging the run. */
const ANSWER_WITHIN_MS = 15_000
const deadline = () => AbortSignal.timeout(ANSWER_WITHIN_MS)

export interface Answer {
  status: number
  body: unknown
}

export interface HostileKind {
  name: string
  status: number
  /** The field an answer must name: in `error.field`, the first rejected line, or Open311's description. */
  field: string
  /** Lines of the request that are good and must be stored: their source_ids. */
  goodIds?: string[]
  /** Costly kinds (tens of MB) are sent this many times, the others share the rest. */
  limit?: number
  send(base: string, n: number): Promise<Answer>
}

export interface GoodRequest {
  name: string
  status: number
  /** The source_ids this request stores. */
  ids: string[]
  send(base: string): Promise<Answer>
}

const NDJSON = 'application/x-ndjson'

async function answer(response: Response): Promise<Answer> {
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: kept as text, and no field will be found in it
  }
  return { status: response.status, body }
}

const post = async (base: string, path: string, contentType: string, body: BodyInit, headers: Record<string, string> = {}) =>
  answer(await fetch(`${base}${path}`, { method: 'POST', body, signal: deadline(), headers: { 'content-type': contentType, 'x-api-key': TEST_API_KEY, ...headers } }))

/** The field an answer blames, wherever its route puts it. */
export function blamedField(body: unknown): string | undefined {
  if (Array.isArray(body)) {
    const description = (body[0] as { description?: unknown } | undefined)?.description
    return typeof description === 'string' && description.includes(':') ? description.slice(0, description.indexOf(':')) : undefined
  }
  const b = body as { error?: { field?: string }; rejected?: Array<{ field?: string }> } | null
  return b?.error?.field ?? b?.rejected?.[0]?.field
}

export function goodEvent(id: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'complaint',
    source: KEY_SOURCE,
    source_id: id,
    occurred_at: new Date(Date.now() - 60_000).toISOString(),
    ...PLACE,
    category: 'flooding',
    text: 'Đường Lê Lợi ngập sâu, gọi chị Hoa 0912 345 678',
    ...patch,
  }
}

const bad = (n: number, patch: Record<string, unknown>) => goodEvent(`bad-${n}`, patch)
const line = (value: unknown) => JSON.stringify(value) + '\n'
/** Written as text: JSON.stringify on this side would overflow its own stack. */
const deepLine = (n: number) => JSON.stringify(bad(n, { attributes: 'DEEP' })).replace('"DEEP"', '{"a":'.repeat(6000) + '{}' + '}'.repeat(6000))

/** A line of one event whose text is `raw` as bytes (no JSON escaping): control characters, broken UTF-8. */
function rawTextLine(n: number, raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const [before, after] = JSON.stringify(bad(n, { text: 'RAW' })).split('RAW') as [string, string]
  const head = new TextEncoder().encode(before)
  const tail = new TextEncoder().encode(after + '\n')
  const out = new Uint8Array(head.length + raw.length + tail.length)
  out.set(head, 0)
  out.set(raw, head.length)
  out.set(tail, head.length + raw.length)
  return out
}

const ndjsonLine = (name: string, field: string, patch: Record<string, unknown>): HostileKind => ({
  name: `ndjson: ${name}`,
  status: 400,
  field,
  send: (base, n) => post(base, '/api/v1/events', NDJSON, line(bad(n, patch))),
})

const open311Form = (name: string, field: string, fields: Record<string, string>): HostileKind => ({
  name: `open311 form: ${name}`,
  status: 400,
  field,
  send: (base, n) => post(base, '/open311/v2/requests.json', 'application/x-www-form-urlencoded', new URLSearchParams({ service_code: 'flooding', lat: '10.7725', long: '106.6981', ...fields }).toString(), { 'idempotency-key': `bad-${n}` }),
})

const open311Json = (name: string, field: string, fields: Record<string, unknown>): HostileKind => ({
  name: `open311 json: ${name}`,
  status: 400,
  field,
  send: (base, n) => post(base, '/open311/v2/requests.json', 'application/json', JSON.stringify({ service_code: 'flooding', lat: 10.7725, long: 106.6981, ...fields }), { 'idempotency-key': `bad-${n}` }),
})

/** A request that declares a body over the limit and sends none of it: the answer must come first. */
function declaredTooLarge(base: string, path: string, contentType: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base)
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': contentType, 'content-length': String(MAX_BODY_BYTES + 1), 'x-api-key': TEST_API_KEY } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        req.destroy()
        const text = Buffer.concat(chunks).toString()
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) })
      })
    })
    req.on('error', reject)
    req.setTimeout(ANSWER_WITHIN_MS, () => req.destroy(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)))
    req.flushHeaders()
  })
}

/** One endless line, chunked (no Content-Length), past the body limit: counted while streaming. */
async function streamedTooLarge(base: string): Promise<Answer> {
  const chunk = new Uint8Array(256 * 1024).fill(0x61)
  let sent = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ * chunk.length <= MAX_BODY_BYTES + chunk.length) controller.enqueue(chunk)
      else controller.close()
    },
  })
  return answer(await fetch(`${base}/api/v1/events`, { method: 'POST', body, signal: deadline(), headers: { 'content-type': NDJSON, 'x-api-key': TEST_API_KEY }, duplex: 'half' } as RequestInit))
}

export const HOSTILE_KINDS: HostileKind[] = [
  ndjsonLine('text holding \\u0000', 'text', { text: 'ngập\u0000nước' }),
  {
    name: 'ndjson: a raw NUL byte inside a string',
    status: 400,
    field: '(line)',
    send: (base, n) => post(base, '/api/v1/events', NDJSON, rawTextLine(n, Uint8Array.from([0x61, 0x00, 0x62]))),
  },
  ndjsonLine('occurred_at in year 0000', 'occurred_at', { occurred_at: '0000-01-01T00:00:00Z' }),
  ndjsonLine('occurred_at in 1899', 'occurred_at', { occurred_at: '1899-12-31T23:59:59+07:00' }),
  ndjsonLine('occurred_at 10000-01-01', 'occurred_at', { occurred_at: '10000-01-01T00:00:00Z' }),
  ndjsonLine('half a surrogate pair in address', 'address', { address: '\uD800 Lê Lợi' }),
  ndjsonLine('half a surrogate pair as an attribute key', 'attributes', { attributes: { '\uDC00': 1 } }),
  {
    name: 'ndjson: half a surrogate pair encoded as UTF-8 bytes',
    status: 400,
    field: '(line)',
    send: (base, n) => post(base, '/api/v1/events', NDJSON, rawTextLine(n, Uint8Array.from([0xed, 0xa0, 0x80]))),
  },
  {
    name: 'ndjson: attributes nested 6,000 deep',
    status: 400,
    field: 'attributes',
    send: (base, n) => post(base, '/api/v1/events', NDJSON, deepLine(n) + '\n'),
  },
  ndjsonLine('lat " "', 'lat', { lat: ' ' }),
  ndjsonLine('lat "0xA"', 'lat', { lat: '0xA' }),
  ndjsonLine('lat "1e400"', 'lat', { lat: '1e400' }),
  {
    name: 'ndjson: lat 1e400 (a number, Infinity once parsed)',
    status: 400,
    field: 'lat',
    send: (base, n) => post(base, '/api/v1/events', NDJSON, line(bad(n, { lat: 'X' })).replace('"X"', '1e400')),
  },
  ndjsonLine('an unknown field (latitude for lat)', 'latitude', { latitude: 10.77 }),
  {
    name: 'ndjson: invalid JSON',
    status: 400,
    field: '(line)',
    send: (base, n) => post(base, '/api/v1/events', NDJSON, `{"kind":"complaint","source_id":"bad-${n}",\n`),
  },
  ...[['a number', '42'], ['a string', '"complaint"'], ['an array', '[]'], ['null', 'null'], ['true', 'true']].map(
    ([what, text]): HostileKind => ({ name: `ndjson: a line that is ${what}`, status: 400, field: '(event)', send: (base) => post(base, '/api/v1/events', NDJSON, `${text}\n`) }),
  ),
  {
    name: 'ndjson: a line over 1 MiB',
    status: 400,
    field: '(line)',
    send: (base, n) => post(base, '/api/v1/events', NDJSON, line(bad(n, { attributes: { pad: ' '.repeat(1024 * 1024) } }))),
  },
  { name: 'ndjson: wrong content type (text/plain)', status: 415, field: 'content-type', send: (base, n) => post(base, '/api/v1/events', 'text/plain', line(bad(n, {}))) },
  { name: 'ndjson: empty body', status: 400, field: 'body', send: (base) => post(base, '/api/v1/events', NDJSON, '') },
  { name: 'ndjson: blank lines only', status: 400, field: 'body', send: (base) => post(base, '/api/v1/events', NDJSON, '\n  \n\r\n') },
  { name: 'ndjson: declared body over 50 MB', status: 413, field: 'body', send: (base) => declaredTooLarge(base, '/api/v1/events', NDJSON) },
  { name: 'ndjson: streamed body over 50 MB (one endless line)', status: 413, field: 'body', limit: 2, send: (base) => streamedTooLarge(base) },
  { name: 'json: invalid JSON', status: 400, field: 'body', send: (base, n) => post(base, '/api/v1/events', 'application/json', `[{"source_id":"bad-${n}"`) },
  { name: 'json: top-level null', status: 400, field: 'body', send: (base) => post(base, '/api/v1/events', 'application/json', 'null') },
  { name: 'json: lat "0xA" in an array', status: 400, field: 'lat', send: (base, n) => post(base, '/api/v1/events', 'application/json', JSON.stringify([bad(n, { lat: '0xA' })])) },
  { name: 'json: declared body over 50 MB', status: 413, field: 'body', send: (base) => declaredTooLarge(base, '/api/v1/events', 'application/json') },
  open311Form('lat " "', 'lat', { lat: ' ' }),
  open311Form('lat "0xA"', 'lat', { lat: '0xA' }),
  open311Form('lat "1e400"', 'lat', { lat: '1e400' }),
  open311Form('media_url javascript:alert(1)', 'media_url', { media_url: 'javascript:alert(1)' }),
  open311Form('requested_datetime in year 0000', 'requested_datetime', { requested_datetime: '0000-01-01T00:00:00Z' }),
  open311Form('description holding \\u0000', 'description', { description: 'ngập\u0000nước' }),
  { name: 'open311 form: empty body', status: 400, field: 'service_code', send: (base) => post(base, '/open311/v2/requests.json', 'application/x-www-form-urlencoded', '') },
  open311Json('lat "1e400"', 'lat', { lat: '1e400' }),
  {
    name: 'open311 json: lat 1e400 (a number)',
    status: 400,
    field: 'lat',
    send: (base, n) => post(base, '/open311/v2/requests.json', 'application/json', JSON.stringify({ service_code: 'flooding', lat: 'X', long: 106.6981 }).replace('"X"', '1e400'), { 'idempotency-key': `bad-${n}` }),
  },
  open311Json('media_url javascript:alert(1)', 'media_url', { media_url: 'javascript:alert(1)' }),
  open311Json('description with half a surrogate pair', 'description', { description: 'ngập \uDBFF' }),
  {
    name: 'open311 json: attribute nested 6,000 deep',
    status: 400,
    field: 'attribute',
    // A category that declares no attributes (OPEN311-4): the nesting itself must be what is refused.
    send: (base, n) => post(base, '/open311/v2/requests.json', 'application/json', `{"service_code":"sidewalk","lat":10.7725,"long":106.6981,"attribute":${'{"a":'.repeat(6000)}{}${'}'.repeat(6000)}}`, { 'idempotency-key': `bad-${n}` }),
  },
  { name: 'open311 json: invalid JSON', status: 400, field: 'body', send: (base) => post(base, '/open311/v2/requests.json', 'application/json', '{"service_code": flooding}') },
  {
    name: 'open311: text/plain, key in the header',
    status: 415,
    field: 'content-type',
    send: (base) => post(base, '/open311/v2/requests.json', 'text/plain', 'service_code=flooding&lat=10.7725&long=106.6981'),
  },
  {
    name: 'open311: text/plain, key in the body',
    status: 415,
    field: 'content-type',
    send: async (base) => answer(await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', signal: deadline(), headers: { 'content-type': 'text/plain' }, body: `api_key=${TEST_API_KEY}&service_code=flooding&lat=10.7725&long=106.6981` })),
  },
  {
    name: 'open311: multipart/form-data, key in the body',
    status: 415,
    field: 'content-type',
    send: async (base) => {
      const form = new FormData()
      for (const [k, v] of Object.entries({ api_key: TEST_API_KEY, service_code: 'flooding', lat: '10.7725', long: '106.6981' })) form.append(k, v)
      return answer(await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', body: form, signal: deadline() }))
    },
  },
  {
    name: 'open311 form: body over the form limit',
    status: 413,
    field: 'body',
    send: (base) => post(base, '/open311/v2/requests.json', 'application/x-www-form-urlencoded', `service_code=flooding&description=${'x'.repeat(1024 * 1024 + 1)}`),
  },
  // The lifecycle routes (issue 9): each fault is found before any complaint is looked up or changed.
  statusChange('an id of 30 digits', '999999999999999999999999999999', { status: 'closed' }, 404, 'id'),
  statusChange('a body that is an array', '1', [{ status: 'closed' }], 400, '(body)'),
  statusChange('at in year 0000', '1', { status: 'closed', at: '0000-01-01T00:00:00Z' }, 400, 'at'),
  statusChange('a note holding \\u0000', '1', { status: 'resolved', note: 'xong\u0000' }, 400, 'note'),
  statusChange('a unit of 10,000 letters', '1', { status: 'assigned', unit: 'W'.repeat(10_000) }, 400, 'unit'),
  statusChange('status as an object', '1', { status: { $ne: 'x' } }, 400, 'status'),
  {
    name: 'status feed: a line naming another source',
    status: 400,
    field: 'source',
    send: (base, n) => post(base, '/api/v1/complaints/status', NDJSON, line({ source: 'other', source_id: `bad-${n}`, status: 'closed', at: new Date().toISOString() })),
  },
  {
    name: 'status feed: a line of invalid JSON',
    status: 400,
    field: '(line)',
    send: (base, n) => post(base, '/api/v1/complaints/status', NDJSON, `{"source_id":"bad-${n}",\n`),
  },
  rating('score 1e400', '1', '{"score":1e400}', 'score'),
  rating('score "5"', '1', '{"score":"5"}', 'score'),
  performanceQuery('from in year 0001', 'from=0001-01-01T00:00:00Z', 'from'),
  performanceQuery('level holding SQL', "level=district'%3B%20DROP%20TABLE%20complaint%3B--", 'level'),
  performanceQuery('from given twice', 'from=2026-11-01T00:00:00Z&from=2026-11-02T00:00:00Z', 'from'),
]

function statusChange(name: string, id: string, body: unknown, status: number, field: string): HostileKind {
  return { name: `status: ${name}`, status, field, send: (base) => post(base, `/api/v1/complaints/${id}/status`, 'application/json', JSON.stringify(body)) }
}

function rating(name: string, id: string, body: string, field: string): HostileKind {
  return { name: `rating: ${name}`, status: 400, field, send: (base) => post(base, `/api/v1/complaints/${id}/rating`, 'application/json', body) }
}

function performanceQuery(name: string, query: string, field: string): HostileKind {
  return { name: `performance: ${name}`, status: 400, field, send: async (base) => answer(await fetch(`${base}/api/v1/units/performance?${query}`, { signal: deadline() })) }
}

/** One request with a good line, a line nested 6,000 deep and a good line: the good ones are stored. */
export function goodDeepGood(n: number): HostileKind {
  const ids = [`mixed-${n}-a`, `mixed-${n}-b`]
  return {
    name: 'ndjson: good line, line nested 6,000 deep, good line',
    status: 200,
    field: 'attributes',
    goodIds: ids,
    send: (base) => post(base, '/api/v1/events', NDJSON, line(goodEvent(ids[0]!)) + deepLine(n) + '\n' + line(goodEvent(ids[1]!))),
  }
}

export function goodNdjson(n: number, size = 5): GoodRequest {
  const ids = Array.from({ length: size }, (_, i) => `good-${n}-${i}`)
  return { name: 'ndjson batch', status: 200, ids, send: (base) => post(base, '/api/v1/events', NDJSON, ids.map((id) => line(goodEvent(id))).join('')) }
}

export function goodJsonArray(n: number): GoodRequest {
  const ids = [`good-json-${n}-0`, `good-json-${n}-1`]
  return { name: 'json array', status: 200, ids, send: (base) => post(base, '/api/v1/events', 'application/json', JSON.stringify(ids.map((id) => goodEvent(id)))) }
}

/** Open311 stores under the key's source, with the Idempotency-Key as its source_id. */
export function goodOpen311(n: number): GoodRequest {
  const id = `good-o311-${n}`
  return {
    name: 'open311 form',
    status: 201,
    ids: [id],
    send: (base) => post(base, '/open311/v2/requests.json', 'application/x-www-form-urlencoded', new URLSearchParams({ service_code: 'flooding', lat: '10.7725', long: '106.6981', description: 'Ngập sâu, gọi anh Nam 0903 123 456' }).toString(), { 'idempotency-key': id }),
  }
}

/**
 * 1,000 events of 4,000 characters shaped against the masks (one endless word, endless dotted
 * domains, many `@`): stored, then masked by the live ticker and by Open311 reads (PRIV-7).
 */
export function longTexts(): GoodRequest {
  const shapes = ['a'.repeat(4000), 'a.'.repeat(2000), 'a@'.repeat(2000), 'x'.repeat(3990) + '@example.c', '0'.repeat(4000)]
  const ids = Array.from({ length: 1000 }, (_, i) => `long-${i}`)
  return { name: '1,000 events of 4,000 letters', status: 200, ids, send: (base) => post(base, '/api/v1/events', NDJSON, ids.map((id, i) => line(goodEvent(id, { text: shapes[i % shapes.length] }))).join('')) }
}

/** A public read that masks every description it lists. */
export function maskedRead(): GoodRequest {
  return { name: 'open311 GET requests.json (1,000, masked)', status: 200, ids: [], send: async (base) => answer(await fetch(`${base}/open311/v2/requests.json?page_size=1000`, { headers: { 'x-api-key': TEST_API_KEY }, signal: deadline() })) }
}
