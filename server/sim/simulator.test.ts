import { test } from 'vitest'
import assert from 'node:assert/strict'
import { loadCategories } from '../categories-file'
import { generateEvents, type RawEvent } from './scenario'
import { startSimulator, type SimulatorDeps } from './simulator'

const categories = loadCategories()
const t0 = Date.parse('2026-06-10T08:00:00+07:00')
const MINUTE = 60_000

function fakeClock(start: number) {
  let now = start
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) }
}

interface LogLine {
  level: string
  msg: string
  extra?: object
}

function harness(overrides: Partial<SimulatorDeps> = {}) {
  const clock = fakeClock(t0)
  const batches: RawEvent[][] = []
  const logs: LogLine[] = []
  const deps: SimulatorDeps = {
    ingest: async (raw) => void batches.push(raw as RawEvent[]),
    clock,
    log: (level, msg, extra) => void logs.push({ level, msg, ...(extra ? { extra } : {}) }),
    seed: 3,
    tickMs: 5,
    categories,
    ...overrides,
  }
  return { clock, batches, logs, deps, events: () => batches.flat() }
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}

const ids = (events: RawEvent[]) => events.map((e) => e.source_id).sort()

test('backfills the last hours in batches, newest hour first, then ticks what the clock reaches', async () => {
  const h = harness({ backfillHours: 2, batchSize: 500 })
  const sim = startSimulator(h.deps)
  await sim.backfilled
  const expected = generateEvents(new Date(t0 - 2 * 60 * MINUTE), new Date(t0), { seed: 3, categories })
  assert.deepEqual(ids(h.events()), ids(expected))
  assert.ok(h.batches.every((b) => b.length > 0 && b.length <= 500))
  assert.ok(Date.parse(h.batches[0]![0]!.occurred_at) >= t0 - 60 * MINUTE, 'the last hour comes first')

  const backfilled = h.events().length
  h.clock.advance(90_000)
  const ticked = generateEvents(new Date(t0), new Date(t0 + 90_000), { seed: 3, categories })
  await waitFor(() => h.events().length === backfilled + ticked.length, 'the tick')
  assert.deepEqual(ids(h.events().slice(backfilled)), ids(ticked))

  await sim.stop()
  // The tick loop has ended, so a clock moving on can no longer send anything.
  await sim.ended
  const stopped = h.events().length
  h.clock.advance(10 * MINUTE)
  assert.equal(h.events().length, stopped, 'nothing is sent after stop()')
  assert.ok(h.logs.some((l) => l.level === 'info' && /backfilled \d+ events/.test(l.msg)))
})

test('without backfill, only events after the start are sent', async () => {
  const h = harness({ backfillHours: 0 })
  const sim = startSimulator(h.deps)
  await sim.backfilled
  h.clock.advance(2 * MINUTE)
  const expected = generateEvents(new Date(t0), new Date(t0 + 2 * MINUTE), { seed: 3, categories })
  await waitFor(() => h.events().length === expected.length, 'two minutes of events')
  await sim.stop()
  assert.deepEqual(ids(h.events()), ids(expected))
})

test('an ingest that throws is retried with back-off and logged; nothing is lost or crashes', async () => {
  let calls = 0
  const h = harness({ backfillHours: 0.5 })
  h.deps.ingest = (raw) => {
    calls++
    if (calls === 1) throw new Error('synchronous boom')
    if (calls === 2) return Promise.reject(new Error('database is starting'))
    h.batches.push(raw as RawEvent[])
    return Promise.resolve({ accepted: raw.length })
  }
  const sim = startSimulator(h.deps)
  await sim.backfilled
  await sim.stop()
  const expected = generateEvents(new Date(t0 - 30 * MINUTE), new Date(t0), { seed: 3, categories })
  assert.deepEqual(ids(h.events()), ids(expected))
  const warnings = h.logs.filter((l) => l.level === 'warn')
  assert.equal(warnings.length, 2)
  assert.match(JSON.stringify(warnings), /synchronous boom/)
  assert.match(JSON.stringify(warnings), /database is starting/)
})

test('an ingest that always fails drops the batch after 5 attempts and keeps ticking', async () => {
  let calls = 0
  const h = harness({ backfillHours: 0 })
  h.deps.ingest = async () => {
    calls++
    throw new Error('connection refused')
  }
  const sim = startSimulator(h.deps)
  h.clock.advance(MINUTE)
  await waitFor(() => h.logs.some((l) => l.level === 'error'), 'the batch to be dropped')
  assert.match(h.logs.find((l) => l.level === 'error')!.msg, /dropped \d+ events after 5 failed ingest attempts/)
  assert.equal(calls, 5)
  h.clock.advance(MINUTE)
  await waitFor(() => calls > 5, 'the next tick to try again')
  await sim.stop()
})

test('stop() returns even while an ingest call hangs', async () => {
  const h = harness({ backfillHours: 1 })
  h.deps.ingest = () => new Promise(() => {})
  const sim = startSimulator(h.deps)
  // Resolving at all is the proof: the ingest call never settles.
  await sim.stop()
  await sim.backfilled
})

test('a taxonomy without simulator texts is logged, not thrown', async () => {
  const h = harness({ categories: [{ code: 'potholes' }] })
  const sim = startSimulator(h.deps)
  await sim.backfilled
  await sim.stop()
  assert.equal(h.batches.length, 0)
  assert.match(h.logs[0]!.msg, /simulator not started: .*potholes/)
})

test('invalid numbers are refused at start with the option named', () => {
  const h = harness()
  assert.throws(() => startSimulator({ ...h.deps, ratePerMinute: 0 }), /ratePerMinute/)
  assert.throws(() => startSimulator({ ...h.deps, backfillHours: -1 }), /backfillHours/)
})

test('moves its complaints through their lifecycles as their time comes: due changes after the backfill, the rest as the clock reaches them', async () => {
  const lines: Array<{ source_id: string; status: string; at: string }> = []
  const ratings: Array<{ sourceId: string; at: number }> = []
  const h = harness({
    backfillHours: 6,
    lifecycle: {
      slaHours: () => 4,
      changeStatuses: async (batch) => void lines.push(...batch),
      rate: async (batch) => void ratings.push(...batch),
    },
  })
  const sim = startSimulator(h.deps)
  await sim.backfilled
  const complaints = new Set(h.events().filter((e) => e.kind === 'complaint').map((e) => e.source_id))
  assert.ok(lines.length > 0, 'six hours of 4 h complaints have been resolved by now')
  assert.ok(lines.every((l) => complaints.has(l.source_id) && Date.parse(l.at) <= t0), 'only changes already due, of complaints sent')
  assert.deepEqual([...lines].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)), lines, 'oldest first')
  const sentAtStart = lines.length
  h.clock.advance(12 * 60 * MINUTE)
  await waitFor(() => lines.length > sentAtStart && ratings.length > 0, 'later changes and ratings')
  await sim.stop()
  assert.ok(lines.slice(sentAtStart).every((l) => Date.parse(l.at) > t0))
})
