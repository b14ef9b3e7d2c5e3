/**
 * Rooms of one node: who is subscribed to what, the seq stream of each subscription, and the
 * flush that turns changed cells into deltas, KPIs and ticker items (LIVE-3, LIVE-4, SEQ-*, LIVE-8).
 */
import type { Namespace, Socket } from 'socket.io'
import type { Clock } from '../core/clock'
import { DeltaHistory, buildChanges, coalesce, type DeltaHistoryLimits, type RoomSpec } from '../core/deltas'
import { computeKpi } from '../core/kpi'
import type { ClientToServerEvents, Kpi, Resumed, ServerToClientEvents, Snapshot, SubscribeRequest } from '../core/protocol'
import { splitEpoch, subscriptionId, tickerRoom, withEpoch } from '../core/subscription'
import type { Aggregator } from './aggregator'
import { unitTotalsOf } from './unit-totals'

export interface SocketData {
  /** Full subscription ids (with epoch) this socket holds. */
  subscriptions: string[]
  /** Subscriptions skipped while the socket was slow: each gets a keyframe once it drains. */
  lagging: string[]
}

export type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

export interface PublisherLimits {
  /** A socket with more packets than this waiting to be written is slow (LIVE-8). */
  maxPendingPackets: number
  /** …or with more bytes than this in its WebSocket send buffer. */
  maxBufferedBytes: number
  /** How long a room without members keeps its seq stream, so that a client can resume (SEQ-4). */
  idleRoomMs: number
  /** KPIs of a scope are recomputed and pushed at most this often. */
  kpiIntervalMs: number
  history: DeltaHistoryLimits
}

export const DEFAULT_LIMITS: PublisherLimits = {
  maxPendingPackets: 24,
  maxBufferedBytes: 1 << 20,
  idleRoomMs: 120_000,
  kpiIntervalMs: 1000,
  history: { maxAgeMs: 120_000, maxChanges: 200_000 },
}

interface Room {
  spec: RoomSpec
  /** Full subscription id: the room key plus this incarnation's epoch. */
  id: string
  history: DeltaHistory
  members: Set<string>
  idleSince: number | null
}

/** How much a socket has not yet written to the network (engine.io internals, read defensively). */
export function backlog(socket: LiveSocket): { packets: number; bytes: number } {
  const conn = socket.conn as unknown as { writeBuffer?: unknown[]; transport?: { socket?: { bufferedAmount?: number } } }
  return { packets: conn.writeBuffer?.length ?? 0, bytes: conn.transport?.socket?.bufferedAmount ?? 0 }
}

export class LivePublisher {
  private readonly rooms = new Map<string, Room>()
  private readonly openComplaints = new Map<string, number>()
  private readonly kpiDue = new Set<string>()
  private lastKpiAt = 0
  private incarnations = 0
  keyframes = 0
  skipped = 0

  constructor(
    private readonly nsp: LiveNamespace,
    private readonly aggregator: Aggregator,
    private readonly options: { clock: Clock; nodeId: string; timeZone: string; limits: PublisherLimits },
  ) {}

  /** Scopes with at least one room on this node: their open-complaint counts are kept fresh. */
  activeScopes(): string[] {
    return [...new Set([...this.rooms.values()].map((room) => room.spec.scope))]
  }

  hasOpenComplaints(scope: string): boolean {
    return this.openComplaints.has(scope)
  }

  setOpenComplaints(counts: Map<string, number>): void {
    for (const [scope, open] of counts) {
      if (this.openComplaints.get(scope) !== open) this.kpiDue.add(scope)
      this.openComplaints.set(scope, open)
    }
  }

  kpi(scope: string): Kpi {
    const windows = this.aggregator.windows
    return computeKpi({
      scope,
      now: this.options.clock.now(),
      timeZone: this.options.timeZone,
      sums: windows.sumMinutes.bind(windows),
      openComplaints: this.openComplaints.get(scope) ?? 0,
    })
  }

  private room(request: SubscribeRequest): Room {
    const key = subscriptionId(request)
    let room = this.rooms.get(key)
    if (!room) {
      const spec: RoomSpec = { subscription: key, scope: request.scope, layers: request.layers, res: request.res, window: request.window }
      room = { spec, id: withEpoch(key, `${this.options.nodeId}.${++this.incarnations}`), history: new DeltaHistory(this.options.limits.history), members: new Set(), idleSince: null }
      this.rooms.set(key, room)
    }
    return room
  }

  snapshot(room: Room): Snapshot {
    const { scope, layers, res, window } = room.spec
    const windows = this.aggregator.windows
    return {
      type: 'snapshot',
      subscription: room.id,
      seq: room.history.seq,
      at: this.options.clock.now().toISOString(),
      request: { scope, layers: [...layers], res, window },
      cells: layers.flatMap((layer) => windows.cells(window, scope, res, layer)),
      kpi: this.kpi(scope),
      ticker: this.aggregator.tickerOf(scope),
      units: unitTotalsOf(windows, room.spec),
    }
  }

  /**
   * Joins the socket to the room and answers in the same tick, so no delta can slip between the
   * answer and the first delta (SEQ-3). Resumes when this node still holds every delta after the
   * client's seq of the same epoch (SEQ-4); otherwise a fresh snapshot.
   */
  subscribe(socket: LiveSocket, request: SubscribeRequest): Snapshot | Resumed {
    const room = this.room(request)
    this.join(socket, room)
    const resume = request.resumeFrom
    if (resume && resume.subscription === room.id) {
      const missed = room.history.since(resume.seq)
      if (missed) {
        return {
          type: 'resumed',
          subscription: room.id,
          fromSeq: resume.seq,
          seq: room.history.seq,
          at: this.options.clock.now().toISOString(),
          ...coalesce(missed),
          kpi: this.kpi(room.spec.scope),
          ticker: this.aggregator.tickerOf(room.spec.scope),
          units: unitTotalsOf(this.aggregator.windows, room.spec),
        }
      }
    }
    return this.snapshot(room)
  }

  private join(socket: LiveSocket, room: Room): void {
    void socket.join([room.id, tickerRoom(room.spec.scope)])
    room.members.add(socket.id)
    room.idleSince = null
    const held = socket.data.subscriptions ?? (socket.data.subscriptions = [])
    if (!held.includes(room.id)) held.push(room.id)
  }

  /** Leaves one subscription; false when the socket does not hold it. */
  unsubscribe(socket: LiveSocket, id: string): boolean {
    const held = socket.data.subscriptions ?? []
    if (!held.includes(id)) return false
    socket.data.subscriptions = held.filter((s) => s !== id)
    socket.data.lagging = (socket.data.lagging ?? []).filter((s) => s !== id)
    void socket.leave(id)
    const room = this.rooms.get(splitEpoch(id).room)
    if (room?.id === id) this.removeMember(room, socket.id)
    const scope = room?.spec.scope
    if (scope && !socket.data.subscriptions.some((s) => this.rooms.get(splitEpoch(s).room)?.spec.scope === scope)) void socket.leave(tickerRoom(scope))
    return true
  }

  disconnected(socket: LiveSocket): void {
    for (const id of socket.data.subscriptions ?? []) {
      const room = this.rooms.get(splitEpoch(id).room)
      if (room?.id === id) this.removeMember(room, socket.id)
    }
  }

  /** A socket restored by connection state recovery keeps its rooms: count it as a member again. */
  recovered(socket: LiveSocket): void {
    for (const id of socket.data.subscriptions ?? []) {
      const room = this.rooms.get(splitEpoch(id).room)
      if (room?.id === id) {
        room.members.add(socket.id)
        room.idleSince = null
      }
    }
  }

  private removeMember(room: Room, socketId: string): void {
    room.members.delete(socketId)
    if (room.members.size === 0) room.idleSince = this.options.clock.now().getTime()
  }

  private isSlow(socket: LiveSocket): boolean {
    const { packets, bytes } = backlog(socket)
    return packets > this.options.limits.maxPendingPackets || bytes > this.options.limits.maxBufferedBytes
  }

  /**
   * One flush: every changed room gets one delta, numbered in its seq stream, sent to all its
   * members except slow ones (LIVE-8); rooms idle too long are dropped; due KPIs and ticker items go out.
   */
  flush(): void {
    const now = this.options.clock.now()
    const nowMs = now.getTime()
    const dirty = this.aggregator.windows.takeDirty()
    const read = this.aggregator.windows.cell.bind(this.aggregator.windows)
    const slowCache = new Map<string, boolean>()
    const slow = (socketId: string) => {
      let answer = slowCache.get(socketId)
      if (answer === undefined) {
        const socket = this.nsp.sockets.get(socketId)
        answer = socket ? this.isSlow(socket) : false
        slowCache.set(socketId, answer)
      }
      return answer
    }
    for (const [key, room] of this.rooms) {
      if (room.idleSince !== null && nowMs - room.idleSince > this.options.limits.idleRoomMs) {
        this.rooms.delete(key)
        continue
      }
      this.keyframeDrained(room, slow)
      const changes = dirty.size ? buildChanges(room.spec, dirty, read) : null
      if (!changes) {
        room.history.trim(nowMs)
        continue
      }
      const delta = room.history.next(room.id, now, changes)
      const skip = this.markSlow(room, slow)
      this.nsp.local.to(room.id).except(skip).emit('delta', delta)
    }
    for (const scope of this.aggregator.windows.takeDirtyScopes()) this.kpiDue.add(scope)
    if (nowMs - this.lastKpiAt >= this.options.limits.kpiIntervalMs) this.flushKpi(nowMs, slow)
    this.flushTicker(slow)
  }

  private markSlow(room: Room, slow: (socketId: string) => boolean): string[] {
    const skip: string[] = []
    for (const member of room.members) {
      if (!slow(member)) continue
      skip.push(member)
      const socket = this.nsp.sockets.get(member)
      if (socket && !(socket.data.lagging ?? []).includes(room.id)) {
        socket.data.lagging = [...(socket.data.lagging ?? []), room.id]
        this.skipped++
      }
    }
    return skip
  }

  /** A lagging socket that drained gets one keyframe (a snapshot) instead of what it missed (LIVE-8). */
  private keyframeDrained(room: Room, slow: (socketId: string) => boolean): void {
    for (const member of room.members) {
      const socket = this.nsp.sockets.get(member)
      if (!socket?.data.lagging?.includes(room.id) || slow(member)) continue
      socket.data.lagging = socket.data.lagging.filter((id) => id !== room.id)
      socket.emit('snapshot', this.snapshot(room))
      this.keyframes++
    }
  }

  private laggingOrSlow(room: Room, slow: (socketId: string) => boolean): string[] {
    return [...room.members].filter((member) => slow(member) || this.nsp.sockets.get(member)?.data.lagging?.includes(room.id))
  }

  private flushKpi(nowMs: number, slow: (socketId: string) => boolean): void {
    if (this.kpiDue.size === 0) return
    this.lastKpiAt = nowMs
    const computed = new Map<string, Kpi>()
    for (const room of this.rooms.values()) {
      const scope = room.spec.scope
      if (!this.kpiDue.has(scope) || room.members.size === 0) continue
      let kpi = computed.get(scope)
      if (!kpi) computed.set(scope, (kpi = this.kpi(scope)))
      const units = unitTotalsOf(this.aggregator.windows, room.spec)
      this.nsp.local.to(room.id).except(this.laggingOrSlow(room, slow)).emit('kpi', { ...kpi, subscription: room.id, units })
    }
    this.kpiDue.clear()
  }

  private flushTicker(slow: (socketId: string) => boolean): void {
    const fresh = this.aggregator.takeTicker()
    if (fresh.size === 0) return
    const scopes = new Set(this.activeScopes())
    for (const [scope, items] of fresh) {
      if (!scopes.has(scope)) continue
      const skip = [...this.nsp.adapter.rooms.get(tickerRoom(scope)) ?? []].filter(slow)
      this.nsp.local.to(tickerRoom(scope)).except(skip).emit('ticker', { scope, items: [...items].reverse() })
    }
  }

  stats(): { rooms: number; members: number; keyframes: number; skipped: number; maxBacklogBytes: number; maxBacklogPackets: number } {
    let members = 0
    for (const room of this.rooms.values()) members += room.members.size
    let maxBacklogBytes = 0
    let maxBacklogPackets = 0
    for (const socket of this.nsp.sockets.values()) {
      const { packets, bytes } = backlog(socket)
      maxBacklogBytes = Math.max(maxBacklogBytes, bytes)
      maxBacklogPackets = Math.max(maxBacklogPackets, packets)
    }
    return { rooms: this.rooms.size, members, keyframes: this.keyframes, skipped: this.skipped, maxBacklogBytes, maxBacklogPackets }
  }
}
