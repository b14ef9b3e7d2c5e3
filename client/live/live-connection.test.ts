/**
 * The wall's client against a real Socket.IO server that takes a subscribe and does not answer
 * (a node still rebuilding, or overloaded): the screen says so and asks again until it is answered.
 */
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, test } from 'vitest'
import { Server } from 'socket.io'
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
