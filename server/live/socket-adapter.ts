/**
 * Socket.IO namespace `/live` in front of a LiveNode: the handshake, `subscribe`/`unsubscribe`
 * commands through the access guard, and the transport the node emits through. Socket.IO rooms
 * are the only record of who is subscribed.
 */
import type { Namespace, Socket } from 'socket.io'
import { ANONYMOUS, authorize, type Principal } from '../core/access'
import type { Clock } from '../core/clock'
import { AppError } from '../core/errors'
import type { ClientToServerEvents, ErrorBody, ProtocolMismatch, ServerToClientEvents, TopicsUpdate } from '../core/protocol'
import { CITY_SCOPE } from '../core/windows'
import { parseSubscribeRequest, parseSubscriptionId, splitEpoch, subscriptionId, tickerRoom } from '../core/subscription'
import type { LiveLimits, LiveNode, LiveTransport } from './live-node'

export type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents>
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>

const NOBODY: ReadonlySet<string> = new Set()

/** How much a socket has not yet written to the network (engine.io internals, read defensively). */
function backlog(socket: LiveSocket): { packets: number; bytes: number } {
  const conn = socket.conn as unknown as { writeBuffer?: unknown[]; transport?: { socket?: { bufferedAmount?: number } } }
  return { packets: conn.writeBuffer?.length ?? 0, bytes: conn.transport?.socket?.bufferedAmount ?? 0 }
}

export interface SocketTransport extends LiveTransport {
  /** The largest backlog of any socket on this node, for tests, benches and metrics. */
  maxBacklog(): { bytes: number; packets: number }
  /** Sockets connected to this node. */
  clients(): number
}

/** Every socket of a node is in its node's room: heartbeats through the adapter reach only them (LIVE-12). */
const NODE_ROOM_PREFIX = 'node:'
export const nodeRoom = (nodeId: string) => `${NODE_ROOM_PREFIX}${nodeId}`

export function socketTransport(nsp: LiveNamespace, nodeId: string, limits: Pick<LiveLimits, 'maxPendingPackets' | 'maxBufferedBytes'>): SocketTransport {
  return {
    members: (room) => nsp.adapter.rooms.get(room) ?? NOBODY,
    isSlow(socketId) {
      const socket = nsp.sockets.get(socketId)
      if (!socket) return false
      const { packets, bytes } = backlog(socket)
      return packets > limits.maxPendingPackets || bytes > limits.maxBufferedBytes
    },
    toRoom(room, except, event, ...args) {
      nsp.local.to(room).except([...except]).emit(event, ...args)
    },
    toSocket(socketId, event, ...args) {
      nsp.sockets.get(socketId)?.emit(event, ...args)
    },
    heartbeat(beat, route) {
      if (route === 'adapter') nsp.to(nodeRoom(nodeId)).emit('heartbeat', beat)
      else nsp.local.volatile.emit('heartbeat', beat)
    },
    maxBacklog() {
      let bytes = 0
      let packets = 0
      for (const socket of nsp.sockets.values()) {
        const b = backlog(socket)
        bytes = Math.max(bytes, b.bytes)
        packets = Math.max(packets, b.packets)
      }
      return { bytes, packets }
    },
    clients: () => nsp.sockets.size,
  }
}

function errorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) }
  return { code: 'internal', message: 'internal error — subscribe again' }
}

export interface SocketHandlerDeps {
  node: LiveNode
  /** The protocol version this server speaks (PROTOCOL_VERSION; another one only in tests of a rollout). */
  protocol: number
  nodeId: string
  clock: Clock
  /** Settles once the node's windows are rebuilt (LIVE-5): no subscribe is answered before. */
  ready: Promise<void>
  /** Whether a scope other than `city` names a boundary: only those get a room (LIVE-2). */
  isKnownScope: (scope: string) => Promise<boolean>
  /** Today's top issues last told for a scope (NLP-5), sent after a snapshot. */
  latestTopics?: (scope: string) => TopicsUpdate | undefined
  onError: (message: string, error: unknown) => void
}

/** Subscriptions one connection may hold: a wall needs a few; more is a bug or an attack (LIVE-9). */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 16

/** Wires the namespace's handshake and commands to the node. */
export function bindLiveNamespace(nsp: LiveNamespace, deps: SocketHandlerDeps): void {
  // A client speaking another protocol version would misread every message: refuse it with a
  // typed error, and the wall reloads to fetch the current client. A client that states no
  // version (a third-party one written from the contract) is served the current one.
  nsp.use((socket, next) => {
    const protocol = (socket.handshake.auth as { protocol?: unknown } | undefined)?.protocol
    if (protocol === undefined || protocol === deps.protocol) return next()
    const error = new Error('protocol_mismatch') as Error & { data?: ProtocolMismatch }
    error.data = { code: 'protocol_mismatch', server: deps.protocol, client: protocol }
    next(error)
  })

  nsp.on('connection', (socket: LiveSocket) => {
    // A socket recovered from another node (MULTI-4) keeps that node's room: it hears this one's.
    for (const room of socket.rooms) if (room.startsWith(NODE_ROOM_PREFIX) && room !== nodeRoom(deps.nodeId)) void socket.leave(room)
    void socket.join(nodeRoom(deps.nodeId))
    // A screen learns at once whether this node's counts are complete, not at the next beat.
    socket.emit('heartbeat', deps.node.heartbeat(deps.clock.now()))
    // Roles arrive with a later issue; the principal will come from the handshake then.
    const principal: Principal = ANONYMOUS

    socket.on('subscribe', async (raw, ack) => {
      if (typeof ack !== 'function') return
      try {
        const parsed = parseSubscribeRequest(raw)
        if (!parsed.ok) return ack({ error: parsed.error })
        authorize(principal, 'read:aggregate', parsed.value.scope)
        const key = subscriptionId(parsed.value)
        const held = [...socket.rooms].filter((room) => deps.node.scopeOf(room) !== null)
        if (held.length >= MAX_SUBSCRIPTIONS_PER_SOCKET && !held.some((room) => splitEpoch(room).room === key)) {
          return ack({ error: { code: 'too_many_subscriptions', message: `at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per connection — unsubscribe one first`, field: 'scope' } })
        }
        if (parsed.value.scope !== CITY_SCOPE && !(await deps.isKnownScope(parsed.value.scope))) {
          return ack({ error: { code: 'unknown_scope', message: `"${parsed.value.scope}" is not "city" nor a boundary code (GET /api/v1/boundaries/levels lists the levels)`, field: 'scope' } })
        }
        await deps.ready
        const { rooms, answer, overdue } = await deps.node.subscribe(parsed.value, deps.clock.now())
        if (!socket.connected) return
        void socket.join(rooms)
        ack({ data: answer })
        // After the answer, on the same socket: the client knows the subscription when it arrives (LIVE-15).
        if (overdue) socket.emit('overdue', overdue)
        const topics = deps.latestTopics?.(parsed.value.scope)
        if (topics) socket.emit('topics', topics)
      } catch (error) {
        deps.onError('live: subscribe failed', error)
        ack({ error: errorBody(error) })
      }
    })

    socket.on('unsubscribe', (raw, ack) => {
      if (typeof ack !== 'function') return
      const parsed = parseSubscriptionId(raw)
      if (!parsed.ok) return ack({ error: parsed.error })
      const id = parsed.value
      if (!socket.rooms.has(id)) return ack({ error: { code: 'not_found', message: 'this connection holds no such subscription', field: 'subscription' } })
      void socket.leave(id)
      const scope = deps.node.scopeOf(id)
      const stillWatched = [...socket.rooms].some((room) => room !== id && deps.node.scopeOf(room) === scope)
      if (scope !== null && !stillWatched) void socket.leave(tickerRoom(scope))
      ack({ data: { subscription: id } })
    })
  })
}
