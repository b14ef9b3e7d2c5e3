import { afterEach, describe, test } from 'vitest'
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import type { SimulateOptions } from './cli-options'
import { runSimulate } from './run-simulate'
import { closedPortUrl, fakeIngest, recordingSleep } from '../../test/support/fake-ingest'

/** 10:00 in Ho Chi Minh City: a busy hour, so the backfill has events whatever the test machine's time. */
const clock = { now: () => new Date('2026-11-24T10:00:00+07:00') }

const options = (url: string, more: Partial<SimulateOptions> = {}): SimulateOptions => ({
  url,
  key: 'opswall-dev-key',
  ratePerMinute: 10,
  minutes: 0,
  backfillHours: 1,
  seed: 7,
  batchSize: 100,
  dryRun: false,
  ...more,
})

function capture() {
  const text = { stdout: '', stderr: '' }
  const stream = (name: keyof typeof text) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        text[name] += chunk.toString()
        done()
      },
    })
  return { text, stdout: stream('stdout'), stderr: stream('stderr') }
}

describe('npm run simulate', () => {
  const servers: Array<{ close(): Promise<void> }> = []
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()))
  })

  test('delivers the backfill and ends with one summary line on stdout, exit code 0', async () => {
    const server = await fakeIngest()
    servers.push(server)
    const out = capture()
    const code = await runSimulate(options(server.url), { ...out, clock })
    const delivered = server.requests.reduce((sum, request) => sum + request.lines, 0)
    assert.equal(code, 0)
    assert.ok(delivered > 100, `a busy hour at 10/min gives more than a batch, got ${delivered}`)
    const n = delivered.toLocaleString('en-US')
    assert.match(out.text.stdout, new RegExp(`^sent ${n} events: ${n} accepted, 0 duplicates, 0 rejected in \\d+ s\\n$`))
    assert.match(out.text.stderr, /^sending to http:\/\/127\.0\.0\.1:\d+: seed 7/)
    assert.match(out.text.stderr, /backfill done: sent/)
  })

  test('a long run shows progress on stderr while it sends', async () => {
    const server = await fakeIngest({ answerAfterMs: 30 })
    servers.push(server)
    const out = capture()
    assert.equal(await runSimulate(options(server.url), { ...out, clock, progressEveryMs: 5 }), 0)
    assert.match(out.text.stderr, /\d+ s {2}backfill sent \d+ · accepted \d+ · duplicates 0 · rejected 0/)
  })

  test('no server at the URL: bounded retries with doubling waits, a message naming the URL and what to do, exit code 1', async () => {
    const url = await closedPortUrl()
    const { waits, sleep } = recordingSleep()
    const out = capture()
    const code = await runSimulate(options(url), { ...out, clock, sleep })
    assert.equal(code, 1)
    assert.deepEqual(waits, [1000, 2000, 4000, 8000])
    const lines = out.text.stderr.trim().split('\n')
    assert.match(lines[1]!, new RegExp(`^cannot reach ${url}/api/v1/events \\(ECONNREFUSED\\); retry 1 of 4 in 1 s$`))
    assert.equal(
      lines.at(-1),
      `error: cannot reach ${url}/api/v1/events (ECONNREFUSED) after 5 attempts over 15 s — is the server running? ` +
        'Start it with `npm start`, or pass --url with the address of a running OpsWall server',
    )
    assert.match(out.text.stdout, /^sent 0 events: 0 accepted, 0 duplicates, 0 rejected in \d+ s; 100 not delivered\n$/)
  })

  test('a server that goes away mid-run stops the run after the same bounded retries', async () => {
    const server = await fakeIngest({ goAwayAfter: 2 })
    servers.push(server)
    const { waits, sleep } = recordingSleep()
    const out = capture()
    assert.equal(await runSimulate(options(server.url), { ...out, clock, sleep }), 1)
    assert.equal(server.requests.length, 2)
    assert.deepEqual(waits, [1000, 2000, 4000, 8000])
    assert.match(out.text.stdout, /^sent 200 events: 200 accepted, 0 duplicates, 0 rejected in \d+ s; 100 not delivered\n$/)
  })

  test('a server that keeps failing one batch loses that batch, goes on, and exits 1', async () => {
    const server = await fakeIngest({ failFirst: 5, status: 503 })
    servers.push(server)
    const { waits, sleep } = recordingSleep()
    const out = capture()
    assert.equal(await runSimulate(options(server.url), { ...out, clock, sleep }), 1)
    assert.deepEqual(waits, [1000, 2000, 4000, 8000])
    assert.match(out.text.stderr, /error: the server answered HTTP 503: database is starting \(5 attempts over 15 s\); 100 events not delivered/)
    assert.match(out.text.stdout, /accepted, 0 duplicates, 0 rejected in \d+ s; 100 not delivered\n$/)
    assert.ok(server.requests.length > 5, 'the next batches were sent')
  })

  test('--dry-run prints the events as NDJSON on stdout and the summary on stderr', async () => {
    const out = capture()
    assert.equal(await runSimulate(options('http://unused:1', { dryRun: true }), { ...out, clock }), 0)
    const events = out.text.stdout.trim().split('\n').map((line) => JSON.parse(line) as { source_id?: unknown })
    assert.ok(events.length > 100 && events.every((event) => typeof event.source_id === 'string'))
    assert.match(out.text.stderr, new RegExp(`\\nsent ${events.length.toLocaleString('en-US')} events: `))
  })
})
