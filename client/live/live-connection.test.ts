/**
 * The wall's client against a real Socket.IO server that takes a subscribe and does not answer
 * (a node still rebuilding, or overloaded): the screen says so and asks again until it is answered.
 * And what it keeps of `overdue` events.
 */
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, test } from 'vitest'
import { Server } from 'socket.io'
import { cellsForPoint } from '../../server/core/h3'
import { LIVE_NAMESPACE, PROTOCOL_VERSION, type Snapshot } from '../../server/core/protocol'
import { waitFor } from '../../test/support/wait'
import { LiveConnection } from './live-connection'

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

test('an unanswered subscribe is shown and asked again; the answer clears it', async () => {
  const http = createServer()
  const io = new Server(http)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => io.close())
  let asked = 0
  io.of(LIVE_NAMESPACE).on('connection', (socket) => {
    socket.on('subscribe', (request: { scope: string }, ack: (answer: unknown) => void) => {
      // The first two go unanswered; the third gets its snapshot.
      if (++asked < 3) return
      const snapshot: Snapshot = { type: 'snapshot', subscription: 'city|complaints|8|1h@n.1', seq: 0, at: new Date().toISOString(), request: { ...request, layers: ['complaints'], res: 8, window: '1h' }, cells: [], kpi: null as never, ticker: [], units: [] }
      ack({ data: snapshot })
    })
  })
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const screen = new LiveConnection({ scope: 'city', layers: ['complaints'], res: 8, window: '1h' }, { url, subscribeTimeoutMs: 100, socket: { transports: ['websocket'], forceNew: true } })
  cleanups.push(() => screen.close())
  screen.connect()
  await waitFor(() => screen.unanswered, 10_000, 'the screen to say its subscribe went unanswered')
  await waitFor(() => screen.subscription !== null, 10_000, 'the answer to a later attempt')
  assert.equal(asked, 3)
  assert.equal(screen.unanswered, false)
  assert.equal(screen.counters.snapshots, 1)
})

test('LIVE-10 every handshake states the protocol: the first, a reconnect after the network dropped, and one after the server said goodbye', async () => {
  const http = createServer()
  const io = new Server(http)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => io.close())
  const handshakes: unknown[] = []
  io.of(LIVE_NAMESPACE).on('connection', (socket) => {
    handshakes.push(socket.handshake.auth)
    if (handshakes.length === 1) socket.conn.close() // the network drops: the client reconnects by itself
    else if (handshakes.length === 2) socket.disconnect() // the server says goodbye: the wall asks again
  })
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const screen = new LiveConnection({ scope: 'city', layers: ['complaints'], res: 8, window: '1h' }, { url, socket: { transports: ['websocket'], forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 50 } })
  cleanups.push(() => screen.close())
  screen.connect()
  await waitFor(() => handshakes.length >= 3, 10_000, 'three handshakes')
  assert.deepEqual(handshakes.slice(0, 3), Array(3).fill({ protocol: PROTOCOL_VERSION }))
})

test('WALL-5 overdue cells: the screen keeps only its own subscription’s, each event replacing the last, and forgets them on a retarget', async () => {
  const http = createServer()
  const io = new Server(http)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => io.close())
  const id = (request: { scope: string; res: number }) => `${request.scope}|complaints|${request.res}|24h@n.1`
  const sockets: Array<{ emit: (event: string, body: unknown) => void }> = []
  io.of(LIVE_NAMESPACE).on('connection', (socket) => {
    sockets.push(socket)
    socket.on('subscribe', (request: { scope: string; res: 8 | 9 }, ack: (answer: unknown) => void) => {
      const snapshot: Snapshot = { type: 'snapshot', subscription: id(request), seq: 0, at: new Date().toISOString(), request: { ...request, layers: ['complaints'], window: '24h' }, cells: [], kpi: null as never, ticker: [], units: [] }
      ack({ data: snapshot })
    })
  })
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const screen = new LiveConnection({ scope: 'city', layers: ['complaints'], res: 8, window: '24h' }, { url, socket: { transports: ['websocket'], forceNew: true } })
  cleanups.push(() => screen.close())
  const changes: string[] = []
  screen.onChange((change) => changes.push(change))
  screen.connect()
  await waitFor(() => screen.subscription !== null, 10_000, 'the snapshot')
  const [a, b] = [cellsForPoint(10.776, 106.7).r8, cellsForPoint(10.8, 106.66).r8]
  const send = (subscription: string, cells: Array<{ cell: string; count: number }>) => sockets[0]!.emit('overdue', { subscription, at: new Date().toISOString(), cells })
  send('760|complaints|8|24h@n.1', [{ cell: b, count: 9 }]) // another subscription of the same socket (a peek)
  send(screen.subscription!, [{ cell: a, count: 2 }])
  await waitFor(() => screen.overdue.total > 0, 10_000, 'the overdue cells')
  assert.deepEqual(screen.overdue.spots.map((s) => [s.cell, s.count]), [[a, 2]])
  assert.ok(changes.includes('overdue'))
  send(screen.subscription!, [{ cell: b, count: 1 }])
  await waitFor(() => screen.overdue.spots[0]?.cell === b, 10_000, 'the next event to replace the cells')
  assert.equal(screen.overdue.total, 1)
  screen.retarget({ res: 9 })
  assert.equal(screen.overdue.total, 0, 'cells at r8 mean nothing at r9')
  await waitFor(() => screen.subscription === 'city|complaints|9|24h@n.1', 10_000, 'the new snapshot')
  assert.deepEqual(screen.overdue.spots, [])
})

test('WALL-7 / WALL-8 alerts and issues: the active alerts are asked for once, then only the scope’s own alerts and lists are kept, and another scope starts empty', async () => {
  const alert = (id: string, within: string[], state = 'raised') => ({
    id,
    place: { kind: 'unit', code: id, within },
    layer: 'complaints',
    category: 'flooding',
    count: 12,
    peak: 12,
    baseline: 2,
    ratio: 6,
    windowMinutes: 30,
    startedAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    state,
    sentence: { vi: `Phản ánh ngập nước tăng đột biến tại ${id}`, en: `Flooding complaints spiking in ${id}` },
  })
  const asked: string[] = []
  const http = createServer((request, response) => {
    asked.push(request.url ?? '')
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify({ scope: 'D1', state: 'active', alerts: [alert('W-earlier', ['D1'])] }))
  })
  const io = new Server(http)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => io.close())
  const sockets: Array<{ emit: (event: string, body: unknown) => void }> = []
  io.of(LIVE_NAMESPACE).on('connection', (socket) => {
    sockets.push(socket)
    socket.on('subscribe', (request: { scope: string }, ack: (answer: unknown) => void) => {
      const snapshot: Snapshot = { type: 'snapshot', subscription: `${request.scope}|complaints|8|1h@n.1`, seq: 0, at: new Date().toISOString(), request: { ...request, layers: ['complaints'], res: 8, window: '1h' }, cells: [], kpi: null as never, ticker: [], units: [] }
      ack({ data: snapshot })
    })
  })
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const screen = new LiveConnection({ scope: 'D1', layers: ['complaints'], res: 8, window: '1h' }, { url, socket: { transports: ['websocket'], forceNew: true } })
  cleanups.push(() => screen.close())
  screen.connect()
  await waitFor(() => screen.alerts.alerts.length === 1, 10_000, 'the active alerts of the scope')
  assert.deepEqual(asked, ['/api/v1/alerts?scope=D1&state=active'])
  const topics = (scope: string, id: string) => ({ scope, period: 'today', at: new Date().toISOString(), topics: [{ id, label: { vi: id, en: id }, category: 'flooding', group: 'g', place: null, phrase: null, counts: { complaints: 3, mentions: 0 }, total: 3, previous: 1, growth: 3, samples: [], cells: [] }] })
  sockets[0]!.emit('alert', alert('W-elsewhere', ['D2'])) // a place of a scope peeked at
  sockets[0]!.emit('topics', topics('D2', 'elsewhere'))
  sockets[0]!.emit('alert', alert('W-now', ['D1']))
  sockets[0]!.emit('topics', topics('D1', 'own'))
  await waitFor(() => screen.topics.topics.length === 1 && screen.alerts.alerts.length === 2, 10_000, 'the scope’s alert and list')
  assert.deepEqual(screen.alerts.alerts.map((a) => a.id).sort(), ['W-earlier', 'W-now'])
  assert.deepEqual(screen.topics.topics.map((t) => t.id), ['own'])
  screen.retarget({ scope: 'D2' })
  assert.deepEqual([screen.alerts.alerts, screen.topics.topics], [[], []])
  await waitFor(() => asked.length === 2, 10_000, 'the new scope’s alerts asked for')
  assert.equal(asked[1], '/api/v1/alerts?scope=D2&state=active')
})
