/**
 * Fault: the server process is killed with SIGKILL under ingest and started again on the same
 * database and port, with a week of minute roll-ups to rebuild (LIVE-5). Screens that were
 * watching, and new ones, connect while the new process still rebuilds its windows: each must
 * get its snapshot once the node is ready (not hang), show exactly the database recount, and
 * /healthz must answer during the rebuild. No event acknowledged before the kill is lost or
 * counted twice; a producer retrying what failed stores it exactly once. The node is a real child
 * process (test/support/live-node.ts); the database is a fresh one on the shared PostgreSQL.
 */
import assert from 'node:assert/strict'
import { gridDisk, latLngToCell } from 'h3-js'
import { afterAll, beforeAll, test } from 'vitest'
import { LiveConnection, type LiveTarget } from '../../client/live/live-connection'
import { DEV_API_KEY } from '../../server/config'
import { seedDemoBoundaries } from '../../server/db/demo-boundaries'
import { DRIVERS, type TestDatabase } from '../support/databases'
import { freePort } from '../support/free-port'
import { databaseCells, demoPlaces, eventAt, launchLiveNode, shownCells, watchLive, type Child, type LaunchedNode, type Place, type ShownCell } from '../support/live-node'
import { waitFor } from '../support/wait'

/** A week of history, 16 roll-up rows a minute: ~160,000 rows, what makes the rebuild take seconds. */
const HISTORY_MINUTES = 10_000
const ROWS_PER_MINUTE = 16
const SCREENS: LiveTarget[] = [
  { scope: 'city', layers: ['complaints', 'mentions'], res: 9, window: '1h' },
  { scope: 'city', layers: ['complaints', 'mentions'], res: 8, window: '24h' },
  { scope: 'city', layers: ['complaints'], res: 7, window: '7d' },
]
const BATCHES = 40
const BATCH_SIZE = 100
const KILL_AFTER = 1_500

let database: TestDatabase
let places: Place[]
let port: number
const launched: LaunchedNode[] = []
const screens: LiveConnection[] = []
beforeAll(async () => {
  database = await DRIVERS.find((d) => d.name === 'pg')!.create()
  await seedDemoBoundaries(database.db)
  places = await demoPlaces(database.db)
  port = await freePort()
})
afterAll(async () => {
  for (const screen of screens) screen.close()
  for (const node of launched) if (node.process.exitCode === null && node.process.signalCode === null) node.process.kill('SIGKILL')
  await database?.drop()
})

const report = (line: string) => process.stdout.write(`# fault: ${line}\n`)
const sum = (cells: ShownCell[]) => cells.reduce((total, cell) => total + cell.count, 0)

function launch(): LaunchedNode {
  const node = launchLiveNode({ DATABASE_URL: database.url!, REDIS_URL: '', LIVE_PORT: String(port) })
  launched.push(node)
  return node
}

/** Minute roll-ups of real H3 cells around Quận 1, one row per (minute, cell), before `now`'s minute. */
async function fillHistory(now: Date): Promise<{ rows: number; events: number }> {
  const cells = gridDisk(latLngToCell(10.7769, 106.7009, 9), 12)
  await database.db.query(
    `INSERT INTO rollup_minute (minute, kind, cell, category, units, count)
     SELECT date_trunc('minute', $1::timestamptz) - make_interval(mins => m),
            CASE WHEN j % 3 = 0 THEN 'mention' ELSE 'complaint' END,
            ($2::text[])[1 + (m * $4::int + j) % cardinality($2::text[])],
            'flooding', $3::text[], 1 + (m + j) % 5
     FROM generate_series(1, $5::int) AS m, generate_series(0, $4::int - 1) AS j`,
    [now.toISOString(), cells, places[0]!.units, ROWS_PER_MINUTE, HISTORY_MINUTES],
  )
  const { rows } = await database.db.query<{ rows: number; events: number }>(`SELECT count(*)::int AS rows, coalesce(sum(count), 0)::int AS events FROM rollup_minute`)
  return rows[0]!
}

/** A producer: BATCHES requests of BATCH_SIZE events, each retried until acknowledged (200), as a producer should. */
function produce(url: string) {
  const state = { acknowledged: [] as string[], failures: 0, statuses: new Map<number, number>(), done: false }
  const run = (async () => {
    for (let b = 0; b < BATCHES; b++) {
      const events = Array.from({ length: BATCH_SIZE }, (_, i) => eventAt(places[(b * BATCH_SIZE + i) % places.length]!, { source_id: `${b}-${i}`, kind: i % 4 ? 'complaint' : 'mention' }))
      for (;;) {
        const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': DEV_API_KEY }, body: JSON.stringify(events) }).catch(() => null)
        const status = res?.status ?? 0
        state.statuses.set(status, (state.statuses.get(status) ?? 0) + 1)
        await res?.arrayBuffer()
        if (status === 200) break
        state.failures++
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      state.acknowledged.push(...events.map((e) => String(e.source_id)))
    }
    state.done = true
  })()
  return { state, run }
}

/** A screen of the wall that records, on the machine's clock, when it connected and when its snapshot came. */
function openScreen(url: string, target: LiveTarget) {
  const screen = new LiveConnection(target, { url, socket: { transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 250, randomizationFactor: 0 } })
  screens.push(screen)
  return { screen, times: timesOf(screen) }
}

function timesOf(screen: LiveConnection) {
  const times = { connectedAt: 0, answeredAt: 0 }
  screen.onChange((change) => {
    if (change === 'status' && screen.connected && !times.connectedAt) times.connectedAt = Date.now()
    if (change === 'cells' && times.connectedAt && !times.answeredAt && screen.subscription !== null) times.answeredAt = Date.now()
  })
  return times
}

test('LIVE-5 kill -9 of the server under ingest, restart on the same database and port: screens connecting during the rebuild get their snapshot once it is done, equal to the database, and no acknowledged event is lost or doubled', async () => {
  const first = launch()
  const node: Child = await first.ready
  const url = `http://127.0.0.1:${port}`
  assert.equal(node.url, url)
  // The history only the restarted process reads (the first one need not spend seconds on it).
  const history = await fillHistory(new Date())
  report(`set up: ${history.rows} roll-up rows (${history.events} events over ${HISTORY_MINUTES} minutes) for the restarted process to rebuild`)

  // Screens watching the first process: they must come back by themselves.
  const watching = await Promise.all(SCREENS.slice(0, 2).map(async (target) => {
    const screen = await watchLive(url, target, { reconnectionDelay: 100, reconnectionDelayMax: 250, randomizationFactor: 0 })
    screens.push(screen)
    return { screen, target, times: { connectedAt: 0, answeredAt: 0 } }
  }))
  const producer = produce(url)
  await waitFor(() => producer.state.acknowledged.length >= KILL_AFTER, 60_000, 'events acknowledged before the kill')
  first.process.kill('SIGKILL')
  const acknowledgedBeforeKill = [...producer.state.acknowledged]
  await new Promise((resolve) => first.process.once('exit', resolve))
  const killedAt = Date.now()
  report(`injected: SIGKILL of the server process with ${acknowledgedBeforeKill.length} events acknowledged and a producer posting ${BATCH_SIZE}-event requests`)
  await waitFor(() => watching.every(({ screen }) => !screen.connected), 10_000, 'the watching screens to see the process die')
  for (const watcher of watching) watcher.times = timesOf(watcher.screen)

  // New screens open while nothing listens; the watching ones retry. All connect as soon as the
  // new process listens, long before it has rebuilt a week of roll-ups.
  const opened = SCREENS.map((target) => ({ ...openScreen(url, target), target }))
  for (const { screen } of opened) screen.connect()
  const health: Array<{ at: number; status: number; ms: number }> = []
  let polling = true
  const poller = (async () => {
    while (polling) {
      const started = Date.now()
      const res = await fetch(`${url}/healthz`).catch(() => null)
      if (res) health.push({ at: Date.now(), status: res.status, ms: Date.now() - started })
      await res?.arrayBuffer()
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()

  const second = launch()
  const rebuild = await second.rebuilt
  const restarted = await second.ready
  const all = [...watching, ...opened]
  await waitFor(() => all.every(({ times }) => times.answeredAt > 0), 30_000, 'every screen to get its snapshot')
  polling = false
  await poller
  await producer.run

  const healthDuringRebuild = health.filter((h) => h.at < rebuild.at)
  const worstHealthMs = Math.max(...healthDuringRebuild.map((h) => h.ms))
  const waits = all.map(({ times }) => times.answeredAt - times.connectedAt)
  report(`restart: the new process rebuilt ${rebuild.rows} roll-up rows in ${rebuild.ms} ms, ${rebuild.at - killedAt} ms after the kill; ${all.length} screens connected ${all.map(({ times }) => rebuild.at - times.connectedAt).join(', ')} ms before the rebuild ended and waited ${Math.min(...waits)}–${Math.max(...waits)} ms for their snapshot; /healthz answered ${healthDuringRebuild.length} times during the rebuild (worst ${worstHealthMs} ms)`)
  for (const { times } of all) {
    assert.ok(times.connectedAt > 0 && times.connectedAt < rebuild.at, 'the screen connected (and subscribed) while the node was still rebuilding')
    assert.ok(times.answeredAt >= rebuild.at, 'and was answered once the windows were rebuilt')
  }
  assert.ok(healthDuringRebuild.length > 0 && healthDuringRebuild.every((h) => h.status === 200), '/healthz answers during the rebuild')
  assert.ok(rebuild.rows >= 150_000, `a real rebuild (${rebuild.rows} rows)`)

  // Time moves on (windows expire minute by minute): compare screens, node and recount at one minute.
  const agreeing = async () => {
    const at = new Date()
    for (const { screen, target } of all) {
      const truth = await databaseCells(database.db, target, at)
      const held = await restarted.call<ShownCell[]>('cells', { request: target })
      if (JSON.stringify(shownCells(screen)) !== JSON.stringify(truth) || JSON.stringify(held) !== JSON.stringify(truth)) return false
    }
    return true
  }
  await waitFor(agreeing, 20_000, 'every screen to show the database recount')
  const shown = all.map(({ screen }) => sum(shownCells(screen)))

  const stored = (await database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event WHERE source = 'test'`)).rows[0]!.n
  const keptAcknowledged = (await database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event WHERE source = 'test' AND source_id = ANY($1)`, [acknowledgedBeforeKill])).rows[0]!.n
  const rolled = (await database.db.query<{ n: number }>(`SELECT sum(count)::int AS n FROM rollup_minute`)).rows[0]!.n
  const sent = BATCHES * BATCH_SIZE
  report(`verified: producer answers ${JSON.stringify(Object.fromEntries(producer.state.statuses))}; ${acknowledgedBeforeKill.length} acknowledged before the kill all stored; ${stored} of ${sent} events stored once, roll-ups ${rolled} = ${history.events} history + ${stored}; screens show ${shown.join(', ')} events, equal to the recount and to the node`)
  assert.equal(keptAcknowledged, acknowledgedBeforeKill.length, 'no acknowledged event lost')
  assert.equal(producer.state.acknowledged.length, sent)
  assert.equal(stored, sent, 'every event stored exactly once')
  assert.equal(rolled, history.events + stored, 'and counted once in the roll-ups')
  assert.ok(producer.state.failures > 0, 'the producer saw the process die')
  await restarted.call('close')
})
