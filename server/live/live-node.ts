/**
 * One node's live state and everything that happens to it as time passes, with no transport and
 * no timer inside: the windows and ticker (Aggregator), one seq stream per subscription, KPIs, the
 * overdue layer, slow-client keyframes and heartbeats. `step(now)` is the only way time moves, so
 * a test steps a clock instead of sleeping; the Socket.IO adapter only carries what the node decides.
 */
import { DeltaHistory, buildChanges, coalesce, type DeltaHistoryLimits, type RoomSpec } from '../core/deltas'
import type { Continuity } from '../core/continuity'
import { computeKpi, type ComplaintFigures } from '../core/kpi'
import { overdueCellsAt, sameOverdueByR9, sameOverdueCells, type OverdueByR9, type OverdueCell } from '../core/overdue'
import type { Heartbeat, Kpi, Overdue, Processing, Resumed, ServerToClientEvents, Snapshot, SubscribeRequest, TopicsUpdate } from '../core/protocol'
import { placeInScope, type SpikeAlert } from '../core/spikes'
import { requestOfSubscription, splitEpoch, subscriptionId, tickerRoom, withEpoch } from '../core/subscription'
import { Aggregator } from './aggregator'
import type { LiveMetrics } from '../metrics'
import type { LogEntry } from './log-entry'
import { ScopeFigures } from './scope-figures'
import { unitTotalsOf } from './unit-totals'

/** What the node needs from a transport (server/live/socket-adapter.ts is the real one). */
export interface LiveTransport {
  /** Socket ids in a room: Socket.IO's rooms are the only record of who is subscribed. */
  members(room: string): ReadonlySet<string>
  /** A socket whose write buffer is over the limits is slow (LIVE-8). */
  isSlow(socketId: string): boolean
  toRoom<E extends keyof ServerToClientEvents>(room: string, except: readonly string[], event: E, ...args: Parameters<ServerToClientEvents[E]>): void
  toSocket<E extends keyof ServerToClientEvents>(socketId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void
  /**
   * To this node's clients. `adapter`: through the Redis adapter, which stamps the offset a client
   * needs for connection state recovery (MULTI-4); `local`: directly, when there is no Redis or it
   * may be away (an adapter broadcast that cannot reach Redis reaches nobody).
   */
  heartbeat(beat: Heartbeat, route: 'local' | 'adapter'): void
}

export interface LiveLimits {
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

export const DEFAULT_LIMITS: LiveLimits = {
  maxPendingPackets: 24,
  maxBufferedBytes: 1 << 20,
  idleRoomMs: 120_000,
  kpiIntervalMs: 1000,
  history: { maxAgeMs: 120_000, maxChanges: 200_000 },
}

export interface LiveNodeOptions {
  nodeId: string
  timeZone: string
  limits: LiveLimits
  heartbeatMs: number
  /** How often open, overdue and resolved-today counts and overdue cells are asked for (KPI-4, LIVE-15). */
  complaintFiguresMs: number
  /** How often the last 7 days' processing figures are asked for (LIVE-15): a heavier query, slower figures. */
  processingMs: number
  /** How often the expiry leader appends a tick to the shared log (MULTI-3). */
  tickMs: number
  /**
   * `local`: this node's clock expires its windows. `log`: only ticks read from the shared log do,
   * and this node appends them while it leads (MULTI-3).
   */
  expiry: 'local' | 'log'
}

export interface LiveNodeDeps {
  transport: LiveTransport
  /** Whether the windows hold every committed event (LIVE-12): told by the log and the publisher, read by heartbeats. */
  continuity: Continuity
  isLeader: () => boolean
  /** Appends a tick to the shared log (expiry `log`, leader only). */
  publishTick: (at: number) => void
  /** Recounts the windows from the database (Aggregator.rebuild): after a gap or a lost log (LIVE-12). */
  rebuild: (now: Date) => Promise<number>
  /** Each of these asks the database once for all `scopes`, at the node's `now` (KPI-4, LIVE-15). */
  complaintFigures: (scopes: string[], now: Date) => Promise<Map<string, ComplaintFigures>>
  overdueCells: (scopes: string[], now: Date) => Promise<Map<string, OverdueByR9>>
  processing: (scopes: string[], now: Date) => Promise<Map<string, Processing>>
  onError: (message: string, error: unknown) => void
  metrics?: Pick<LiveMetrics, 'deltaLagSeconds' | 'keyframes' | 'slowClients' | 'resyncs'>
}

interface Room {
  spec: RoomSpec
  /** Full subscription id: the room key plus this incarnation's epoch. */
  id: string
  history: DeltaHistory
  idleSince: number | null
  /** Members skipped while slow: each gets one keyframe once it drains (LIVE-8). */
  lagging: Set<string>
  /** The overdue cells last sent to the room; undefined until they are known (LIVE-15). */
  overdue: OverdueCell[] | undefined
}

export interface Subscribed {
  /** The Socket.IO rooms to join: the subscription's and its scope's ticker. */
  rooms: [subscription: string, ticker: string]
  answer: Snapshot | Resumed
  /** Sent right after the answer; null while the database has not told the scope's overdue cells. */
  overdue: Overdue | null
}

/**
 * How long after a (re)build the ids it counted are kept, so that a batch committed before it but
 * read from the log after it is not counted twice; longer while the node is degraded.
 */
const FORGET_REBUILD_AFTER_MS = 60_000

/** Flat figures (counts, processing) compare field by field. */
const sameFigures = <T extends object>(a: T | undefined, b: T): boolean => a !== undefined && (Object.keys(b) as Array<keyof T>).every((key) => a[key] === b[key])

export class LiveNode {
  readonly aggregator: Aggregator
  readonly continuity: Continuity
  private readonly rooms = new Map<string, Room>()
  private readonly complaints: ScopeFigures<ComplaintFigures>
  private readonly overdueCells: ScopeFigures<OverdueByR9>
  private readonly processing: ScopeFigures<Processing>
  private readonly kpiDue = new Set<string>()
  /** Scopes whose overdue cells changed: rooms showing a different layer get it on the next flush. */
  private readonly overdueDue = new Set<string>()
  private incarnations = 0
  private lastKpiAt = -Infinity
  private lastHeartbeatAt = -Infinity
  private lastTickAt = -Infinity
  private lastComplaintFiguresAt = -Infinity
  private lastProcessingAt = -Infinity
  private lastRebuiltAt: number | null = null
  /** What the last heartbeat said about `degraded`: a change is told at once. */
  private toldDegraded = ''
  /** Commit time of the oldest batch applied since the last flush. */
  private pendingCommitAt: number | null = null
  keyframes = 0
  skipped = 0

  constructor(
    now: Date,
    private readonly options: LiveNodeOptions,
    private readonly deps: LiveNodeDeps,
  ) {
    this.aggregator = new Aggregator(now)
    this.continuity = deps.continuity
    const failed = (what: string) => (error: unknown) => deps.onError(`live: ${what} query failed; asked again at the next refresh`, error)
    this.complaints = new ScopeFigures({
      query: deps.complaintFigures,
      updated: (scope, before, after) => {
        if (!sameFigures(before, after)) this.kpiDue.add(scope)
      },
      onError: failed('complaint figures'),
    })
    this.overdueCells = new ScopeFigures({
      query: deps.overdueCells,
      updated: (scope, before, after) => {
        if (!before || !sameOverdueByR9(before, after)) this.overdueDue.add(scope)
      },
      onError: failed('overdue cells'),
    })
    this.processing = new ScopeFigures({
      query: deps.processing,
      updated: (scope, before, after) => {
        if (!sameFigures(before, after)) this.kpiDue.add(scope)
      },
      onError: failed('processing figures'),
    })
  }

  /**
   * Applies one entry of the log, in log order (MULTI-1). A batch published twice (a retry after a
   * lost reply) is counted once; one that follows a gap is counted, and the gap makes a recount
   * due (MULTI-5, LIVE-12).
   */
  apply(entry: LogEntry, now: Date): void {
    if (entry.type === 'batch') {
      if (this.continuity.batch(entry.origin, entry.n, now.getTime()) === 'duplicate') return
      if (this.pendingCommitAt === null) this.pendingCommitAt = entry.committedAt
    }
    this.aggregator.apply(entry)
  }

  /**
   * Everything time brings: expiry (own clock, or the leader's tick into the log), one delta per
   * changed room, keyframes for drained slow members, KPIs, the overdue layer, ticker items,
   * heartbeats, and the refresh of what the database counts — so a deadline that passes with no
   * new event still changes the KPI and the layer (LIVE-15).
   */
  step(now: Date): void {
    const nowMs = now.getTime()
    if (this.options.expiry === 'local') this.aggregator.apply({ type: 'tick', at: nowMs })
    else if (this.deps.isLeader() && nowMs - this.lastTickAt >= this.options.tickMs) {
      this.lastTickAt = nowMs
      this.deps.publishTick(nowMs)
    }
    if (this.continuity.takeResync(nowMs)) void this.resync(now)
    this.flush(now)
    const beat = this.heartbeat(now)
    const degraded = beat.degraded
    if (this.lastRebuiltAt !== null && !degraded && nowMs - this.lastRebuiltAt >= FORGET_REBUILD_AFTER_MS) {
      this.lastRebuiltAt = null
      this.aggregator.forgetRebuild()
    }
    const told = degraded ? degraded.reason : ''
    if (nowMs - this.lastHeartbeatAt >= this.options.heartbeatMs || told !== this.toldDegraded) {
      this.lastHeartbeatAt = nowMs
      this.toldDegraded = told
      this.deps.transport.heartbeat(beat, this.options.expiry === 'log' && !degraded ? 'adapter' : 'local')
    }
    if (nowMs - this.lastComplaintFiguresAt >= this.options.complaintFiguresMs) {
      this.lastComplaintFiguresAt = nowMs
      const scopes = this.activeScopes()
      this.complaints.refresh(scopes, now)
      this.overdueCells.refresh(scopes, now)
    }
    if (nowMs - this.lastProcessingAt >= this.options.processingMs) {
      this.lastProcessingAt = nowMs
      this.processing.refresh(this.activeScopes(), now)
    }
  }

  /**
   * The answer to a valid subscribe: a resume when this node still holds every delta after the
   * client's seq of the same epoch (SEQ-4), otherwise a snapshot. The caller joins `rooms` in the
   * same tick, so no delta can fall between the answer and the next delta (LIVE-3).
   */
  async subscribe(request: SubscribeRequest, now: Date): Promise<Subscribed> {
    const created = !this.rooms.has(subscriptionId(request))
    // The room first: its scope is then active, so a refresh meanwhile keeps what is loaded here.
    const room = this.room(request)
    room.idleSince = null
    const scope = request.scope
    // A scope's first screen waits for its counts; processing figures follow with a later `kpi`.
    await Promise.all([this.complaints.load(scope, now), this.overdueCells.load(scope, now)])
    void this.processing.load(scope, now)
    const overdue = this.overdueOf(room, now)
    // A new room's only members are those this answer reaches; an older room hears changes from flush.
    if (created && overdue) room.overdue = overdue.cells
    const rooms: Subscribed['rooms'] = [room.id, tickerRoom(scope)]
    const resume = request.resumeFrom
    const missed = resume && resume.subscription === room.id ? room.history.since(resume.seq) : null
    if (resume && missed) {
      return {
        rooms,
        overdue,
        answer: {
          type: 'resumed',
          subscription: room.id,
          fromSeq: resume.seq,
          seq: room.history.seq,
          at: now.toISOString(),
          ...coalesce(missed),
          kpi: this.kpi(room.spec.scope, now),
          ticker: this.aggregator.tickerOf(room.spec.scope),
          units: unitTotalsOf(this.aggregator.windows, room.spec),
        },
      }
    }
    return { rooms, answer: this.snapshot(room, now), overdue }
  }

  /** The scope a subscription id belongs to, or null for an id this node never handed out. */
  scopeOf(subscription: string): string | null {
    const room = this.rooms.get(splitEpoch(subscription).room)
    if (room?.id === subscription) return room.spec.scope
    return requestOfSubscription(splitEpoch(subscription).room)?.scope ?? null
  }

  /** What this node's heartbeat says now; a socket that connects gets one at once. */
  heartbeat(now: Date): Heartbeat {
    const degraded = this.continuity.degraded()
    return degraded ? { at: now.toISOString(), degraded } : { at: now.toISOString() }
  }

  /** Counts the windows from the database: at start (LIVE-5), and after a gap or a lost log (LIVE-12). */
  async rebuild(now: Date): Promise<number> {
    const rows = await this.deps.rebuild(now)
    this.lastRebuiltAt = now.getTime()
    return rows
  }

  private async resync(now: Date): Promise<void> {
    try {
      await this.rebuild(now)
      this.continuity.resyncEnded(true, now.getTime())
      this.deps.metrics?.resyncs.inc()
    } catch (error) {
      this.continuity.resyncEnded(false, now.getTime())
      this.deps.onError('live: recount from the database failed; tried again shortly', error)
    }
  }

  /** Scopes with at least one room on this node: what the database counts for them is kept fresh. */
  activeScopes(): string[] {
    return [...new Set([...this.rooms.values()].map((room) => room.spec.scope))]
  }

  stats(): { rooms: number; members: number; keyframes: number; skipped: number; cells: number; buckets: number; minute: number; degraded: string | null } {
    let members = 0
    for (const room of this.rooms.values()) members += this.deps.transport.members(room.id).size
    const windows = this.aggregator.windows
    return { rooms: this.rooms.size, members, keyframes: this.keyframes, skipped: this.skipped, ...windows.stats(), minute: windows.minute, degraded: this.continuity.degraded()?.reason ?? null }
  }

  /** The room's overdue layer at its resolution, or null while the scope's cells are unknown. */
  private overdueOf(room: Room, now: Date): Overdue | null {
    const byR9 = this.overdueCells.get(room.spec.scope)
    return byR9 ? { subscription: room.id, at: now.toISOString(), cells: overdueCellsAt(byR9, room.spec.res) } : null
  }

  private kpi(scope: string, now: Date): Kpi {
    const windows = this.aggregator.windows
    return computeKpi({
      scope,
      now,
      timeZone: this.options.timeZone,
      sums: windows.sumMinutes.bind(windows),
      complaints: this.complaints.get(scope) ?? { open: 0, overdue: 0, resolvedToday: 0 },
      processing: this.processing.get(scope),
    })
  }

  private room(request: SubscribeRequest): Room {
    const key = subscriptionId(request)
    let room = this.rooms.get(key)
    if (!room) {
      const spec: RoomSpec = { subscription: key, scope: request.scope, layers: request.layers, res: request.res, window: request.window }
      const id = withEpoch(key, `${this.options.nodeId}.${++this.incarnations}`)
      room = { spec, id, history: new DeltaHistory(this.options.limits.history), idleSince: null, lagging: new Set(), overdue: undefined }
      this.rooms.set(key, room)
    }
    return room
  }

  private snapshot(room: Room, now: Date): Snapshot {
    const { scope, layers, res, window } = room.spec
    const windows = this.aggregator.windows
    return {
      type: 'snapshot',
      subscription: room.id,
      seq: room.history.seq,
      at: now.toISOString(),
      request: { scope, layers: [...layers], res, window },
      cells: layers.flatMap((layer) => windows.cells(window, scope, res, layer)),
      kpi: this.kpi(scope, now),
      ticker: this.aggregator.tickerOf(scope),
      units: unitTotalsOf(windows, room.spec),
    }
  }

  private flush(now: Date): void {
    const nowMs = now.getTime()
    const transport = this.deps.transport
    const windows = this.aggregator.windows
    const dirty = windows.takeDirty()
    const read = windows.cell.bind(windows)
    const slowness = new Map<string, boolean>()
    const slow = (socketId: string) => {
      let answer = slowness.get(socketId)
      if (answer === undefined) slowness.set(socketId, (answer = transport.isSlow(socketId)))
      return answer
    }
    let emitted = false
    for (const [key, room] of this.rooms) {
      const members = transport.members(room.id)
      if (members.size > 0) room.idleSince = null
      else room.idleSince ??= nowMs
      if (room.idleSince !== null && nowMs - room.idleSince > this.options.limits.idleRoomMs) {
        this.rooms.delete(key)
        continue
      }
      for (const member of room.lagging) if (!members.has(member)) room.lagging.delete(member)
      this.keyframeDrained(room, slow, now)
      const changes = dirty.size ? buildChanges(room.spec, dirty, read) : null
      if (!changes) {
        room.history.trim(nowMs)
        continue
      }
      const delta = room.history.next(room.id, now, changes)
      const skip = this.leaveOutSlow(room, members, slow)
      transport.toRoom(room.id, skip, 'delta', delta)
      emitted ||= members.size > skip.length
    }
    if (emitted && this.pendingCommitAt !== null) this.deps.metrics?.deltaLagSeconds.observe(Math.max(0, nowMs - this.pendingCommitAt) / 1000)
    if (dirty.size) this.pendingCommitAt = null
    for (const scope of windows.takeDirtyScopes()) this.kpiDue.add(scope)
    if (this.kpiDue.size > 0 && nowMs - this.lastKpiAt >= this.options.limits.kpiIntervalMs) this.flushKpi(now, slow)
    if (this.overdueDue.size > 0) this.flushOverdue(now, slow)
    this.flushTicker(slow)
  }

  /**
   * Slow members are left out and marked lagging: once drained, one keyframe (LIVE-8) — snapshot
   * and overdue layer — brings them up to date.
   */
  private leaveOutSlow(room: Room, members: ReadonlySet<string>, slow: (socketId: string) => boolean): string[] {
    const skip: string[] = []
    for (const member of members) {
      if (!slow(member)) continue
      skip.push(member)
      if (!room.lagging.has(member)) {
        room.lagging.add(member)
        this.skipped++
        this.deps.metrics?.slowClients.inc()
      }
    }
    return skip
  }

  /** Rooms of scopes whose overdue cells changed get their layer when it differs at their resolution (LIVE-15). */
  private flushOverdue(now: Date, slow: (socketId: string) => boolean): void {
    for (const room of this.rooms.values()) {
      if (!this.overdueDue.has(room.spec.scope)) continue
      const overdue = this.overdueOf(room, now)
      if (!overdue || (room.overdue && sameOverdueCells(room.overdue, overdue.cells))) continue
      room.overdue = overdue.cells
      const members = this.deps.transport.members(room.id)
      if (members.size === 0) continue
      this.deps.transport.toRoom(room.id, this.leaveOutSlow(room, members, slow), 'overdue', overdue)
    }
    this.overdueDue.clear()
  }

  /** A lagging member that drained gets one keyframe (a snapshot) instead of what it missed (LIVE-8). */
  private keyframeDrained(room: Room, slow: (socketId: string) => boolean, now: Date): void {
    for (const member of room.lagging) {
      if (slow(member)) continue
      room.lagging.delete(member)
      this.deps.transport.toSocket(member, 'snapshot', this.snapshot(room, now))
      const overdue = this.overdueOf(room, now)
      if (overdue) this.deps.transport.toSocket(member, 'overdue', overdue)
      this.keyframes++
      this.deps.metrics?.keyframes.inc()
    }
  }

  private flushKpi(now: Date, slow: (socketId: string) => boolean): void {
    this.lastKpiAt = now.getTime()
    const computed = new Map<string, Kpi>()
    for (const room of this.rooms.values()) {
      const scope = room.spec.scope
      const members = this.deps.transport.members(room.id)
      if (!this.kpiDue.has(scope) || members.size === 0) continue
      let kpi = computed.get(scope)
      if (!kpi) computed.set(scope, (kpi = this.kpi(scope, now)))
      const skip = [...members].filter((member) => room.lagging.has(member) || slow(member))
      this.deps.transport.toRoom(room.id, skip, 'kpi', { ...kpi, subscription: room.id, units: unitTotalsOf(this.aggregator.windows, room.spec) })
    }
    this.kpiDue.clear()
  }

  /**
   * Each alert to the subscribers of every scope holding its place (NLP-6), through the ticker
   * room every subscription of a scope joins; slow members get it too, being small and rare.
   */
  announceAlerts(alerts: readonly SpikeAlert[]): void {
    const scopes = new Set([...this.rooms.values()].map((room) => room.spec.scope))
    for (const scope of scopes) {
      const room = tickerRoom(scope)
      if (this.deps.transport.members(room).size === 0) continue
      for (const alert of alerts) if (placeInScope(alert.place, scope)) this.deps.transport.toRoom(room, [], 'alert', alert)
    }
  }

  /** Today's top issues of a scope to its subscribers (NLP-5), through its ticker room, as alerts go. */
  announceTopics(update: TopicsUpdate): void {
    const room = tickerRoom(update.scope)
    if (this.deps.transport.members(room).size > 0) this.deps.transport.toRoom(room, [], 'topics', update)
  }

  private flushTicker(slow: (socketId: string) => boolean): void {
    const fresh = this.aggregator.takeTicker()
    for (const [scope, items] of fresh) {
      const room = tickerRoom(scope)
      const members = this.deps.transport.members(room)
      if (members.size === 0) continue
      this.deps.transport.toRoom(room, [...members].filter(slow), 'ticker', { scope, items: [...items].reverse() })
    }
  }
}
