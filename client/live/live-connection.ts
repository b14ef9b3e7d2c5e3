/**
 * The client side of `/live`, the one implementation: subscribe → snapshot, then sequenced deltas
 * into binary cell stores, KPIs, ticker and heartbeats; resume after a reconnect, a fresh snapshot
 * after a gap, keyframes for a screen that fell behind, a typed refusal when protocols differ.
 * Plain TypeScript with no framework: the wall wraps it in runes (live-client.svelte.ts), and the
 * server's integration tests drive this very class over a real socket.
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client'
import { cellCentre, type MapResolution } from '../../server/core/h3'
import {
  LAYERS,
  LIVE_NAMESPACE,
  PROTOCOL_VERSION,
  type CellCount,
  type ClientToServerEvents,
  type Degraded,
  type Delta,
  type Kpi,
  type Layer,
  type ProtocolMismatch,
  type Resumed,
  type ServerToClientEvents,
  type Snapshot,
  type SubscribeRequest,
  type TickerItem,
  type UnitTotal,
  type WindowName,
} from '../../server/core/protocol'
import { placeInScope, type SpikeAlert } from '../../server/core/spikes'
import { heatScale, scaleKey, type HeatScale } from '../map/colour-scales'
import { AlertStore } from './alert-store'
import { TopicsStore } from './topics-store'
import { CellLayerStore, type ApplyResult } from './cell-store'
import { OverdueStore } from './overdue-store'
import { LiveSession } from './session'
import { mergeTicker } from './ticker'

export interface LiveTarget {
  scope: string
  layers: Layer[]
  window: WindowName
  res: MapResolution
}

export type CellsListener = (layer: Layer, result: ApplyResult | 'reset') => void
/** What changed: the wall mirrors these fields into reactive state. */
export type LiveChange = 'status' | 'cells' | 'kpi' | 'ticker' | 'overdue' | 'alerts' | 'topics'

/** A subscribe the server took but did not answer by then is asked again (it may still be rebuilding). */
const SUBSCRIBE_TIMEOUT_MS = 15_000
const SUBSCRIBE_RETRY_MS = 2_000

export interface LiveConnectionOptions {
  /** Server origin; the page's own when absent. */
  url?: string
  /** socket.io-client options; the defaults back off from 1 s to 5 s and never give up. */
  socket?: Partial<ManagerOptions & SocketOptions>
  subscribeTimeoutMs?: number
}

/** What this screen has been through, for the debug overlay and for tests. */
export interface LiveCounters {
  snapshots: number
  keyframes: number
  resumes: number
  gaps: number
  deltas: number
}

export class LiveConnection {
  connected = false
  lastMessageAt: number | null = null
  kpi: Kpi | null = null
  ticker: TickerItem[] = []
  /** Events per unit in the subscription (server totals: PostGIS placed them at ingest). */
  units: UnitTotal[] = []
  error: string | null = null
  /** The server's refusal when it speaks another protocol version: the page must reload to get the current client. */
  incompatible: ProtocolMismatch | null = null
  /** The last subscribe went unanswered: what the screen shows is not being kept up to date. */
  unanswered = false
  /** The server's node says its counts may miss committed events (LIVE-12): not LIVE, though fresh. */
  degraded: Degraded | null = null
  scales: Record<Layer, HeatScale> = { complaints: heatScale('complaints', 1), mentions: heatScale('mentions', 1) }
  readonly counters: LiveCounters = { snapshots: 0, keyframes: 0, resumes: 0, gaps: 0, deltas: 0 }
  readonly stores: Record<Layer, CellLayerStore>
  /** Overdue complaints per cell of this subscription (the `overdue` event). */
  readonly overdue = new OverdueStore()
  /** Spike alerts at places this scope holds (the `alert` event, NLP-6). */
  readonly alerts = new AlertStore()
  /** Today's top issues of this scope (the `topics` event, NLP-5). */
  readonly topics = new TopicsStore()

  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null
  private readonly session = new LiveSession()
  private target: LiveTarget
  private readonly cellListeners = new Set<CellsListener>()
  private readonly changeListeners = new Set<(change: LiveChange) => void>()
  private scaleKeys: Record<Layer, string> = { complaints: '', mentions: '' }
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private subscribeAttempt = 0
  /** The scope whose active alerts were last asked for (they are asked once per scope, then followed). */
  private alertsScope: string | null = null

  constructor(
    target: LiveTarget,
    private readonly options: LiveConnectionOptions = {},
  ) {
    this.target = target
    this.stores = {
      complaints: new CellLayerStore('complaints', cellCentre, this.scales.complaints.colourOf),
      mentions: new CellLayerStore('mentions', cellCentre, this.scales.mentions.colourOf),
    }
  }

  get res(): MapResolution {
    return this.target.res
  }

  /** The current subscription id and the last seq applied (SEQ-2). */
  get subscription(): string | null {
    return this.session.subscription
  }

  get seq(): number {
    return this.session.seq
  }

  onCells(listener: CellsListener): () => void {
    this.cellListeners.add(listener)
    return () => this.cellListeners.delete(listener)
  }

  onChange(listener: (change: LiveChange) => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  connect(): void {
    if (this.socket) return
    const url = `${this.options.url ?? ''}${LIVE_NAMESPACE}`
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      reconnection: true,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 5_000,
      timeout: 10_000,
      ...this.options.socket,
      auth: { protocol: PROTOCOL_VERSION },
    })
    this.socket = socket
    socket.on('connect', () => {
      this.setStatus(true, this.error)
      this.subscribe(true)
    })
    socket.on('disconnect', (reason) => {
      // Whatever the node said no longer holds; the node connected to next says its own at once.
      this.degraded = null
      this.setStatus(false, this.error)
      // socket.io-client does not come back by itself after the server said goodbye (a shutdown or
      // a restart): an unattended wall must, so it asks again — the manager backs off from there.
      if (reason === 'io server disconnect') this.reconnectTimer = setTimeout(() => this.socket?.connect(), 2_000)
    })
    socket.on('connect_error', (error) => {
      const data = (error as Error & { data?: Partial<ProtocolMismatch> }).data
      if (data?.code === 'protocol_mismatch') {
        this.incompatible = { code: data.code, server: Number(data.server), client: data.client }
        // Retrying could only be refused again: what changes the answer is a reload (WallPage).
        socket.disconnect()
      }
      this.setStatus(false, this.error)
    })
    // An unasked snapshot is a keyframe for a screen that fell behind (LIVE-8).
    socket.on('snapshot', (snapshot) => {
      if (snapshot.subscription !== this.session.subscription) return
      this.counters.keyframes++
      this.acceptSnapshot(snapshot)
    })
    socket.on('delta', (delta) => this.receiveDelta(delta))
    socket.on('kpi', (kpi) => {
      this.touch()
      if (kpi.subscription !== this.session.subscription) return
      this.kpi = kpi
      this.units = kpi.units
      this.changed('kpi')
    })
    socket.on('ticker', (ticker) => {
      this.touch()
      if (ticker.scope !== this.target.scope || !Array.isArray(ticker.items)) return
      this.ticker = mergeTicker(this.ticker, ticker.items)
      this.changed('ticker')
    })
    socket.on('overdue', (overdue) => {
      this.touch()
      if (this.overdue.accept(overdue, this.session.subscription)) this.changed('overdue')
    })
    socket.on('alert', (alert) => {
      this.touch()
      this.acceptAlert(alert)
    })
    socket.on('topics', (event) => {
      this.touch()
      if (this.topics.accept(event, this.target.scope)) this.changed('topics')
    })
    socket.on('heartbeat', (beat) => {
      this.degraded = beat?.degraded ?? null
      // Heartbeats come every few seconds: time enough to let a cleared alert go.
      if (this.alerts.prune(Date.now())) this.changed('alerts')
      // A heartbeat says the node is alive, not that this screen's data is: before the first
      // answer to subscribe there is nothing on screen for it to vouch for.
      if (this.session.subscription !== null) this.touch()
      else this.changed('status')
    })
  }

  /** Changes what is watched (resolution follows zoom); asks for a fresh snapshot. */
  retarget(next: Partial<LiveTarget>): void {
    const merged = { ...this.target, ...next }
    const same =
      merged.scope === this.target.scope &&
      merged.res === this.target.res &&
      merged.window === this.target.window &&
      merged.layers.join() === this.target.layers.join()
    if (same) return
    const scopeChanged = merged.scope !== this.target.scope
    this.target = merged
    // A resume point belongs to the old request; the new one starts from a fresh snapshot.
    const old = this.session.subscription
    this.session.reset()
    // Overdue cells of the old request are at its resolution and scope: the new answer brings its own.
    if (this.overdue.keepOnly(null)) this.changed('overdue')
    // Alerts and issues are of a scope: another scope's come with its own answer.
    if (scopeChanged && this.alerts.clear()) this.changed('alerts')
    if (scopeChanged && this.topics.clear()) this.changed('topics')
    if (this.socket?.connected) {
      if (old) this.socket.emit('unsubscribe', old, () => {})
      this.subscribe(false)
    }
  }

  /**
   * One look at another scope (the unit a playlist step shows): its cells now, at this screen's
   * layers, resolution and window, without following them. Which cells lie in the unit is the
   * server's answer (PostGIS placed every event at ingest), never a guess from the map.
   */
  async peek(scope: string): Promise<CellCount[]> {
    const socket = this.socket
    if (!socket?.connected) return []
    const { layers, res, window } = this.target
    const answer = await socket.timeout(10_000).emitWithAck('subscribe', { scope, layers, res, window }).catch(() => null)
    if (!answer || 'error' in answer) return []
    // The same question as this screen's own subscription shares its room: leaving it would stop the screen.
    if (answer.data.subscription !== this.session.subscription) socket.emit('unsubscribe', answer.data.subscription, () => {})
    return answer.data.type === 'snapshot' ? answer.data.cells : []
  }

  close(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.socket?.removeAllListeners()
    this.socket?.disconnect()
    this.socket = null
    this.cellListeners.clear()
    this.setStatus(false, this.error)
    this.changeListeners.clear()
  }

  private applyChanges(changes: Pick<Delta, 'upserts' | 'removals'>): void {
    for (const layer of LAYERS) {
      const result = this.stores[layer].apply(changes.upserts, changes.removals)
      if (result.added || result.changed || result.removed) {
        this.refreshScale(layer)
        for (const listener of this.cellListeners) listener(layer, result)
      }
    }
  }

  private subscribe(resume: boolean): void {
    const socket = this.socket
    if (!socket) return
    const request: SubscribeRequest = { scope: this.target.scope, layers: this.target.layers, res: this.target.res, window: this.target.window }
    const resumeFrom = resume ? this.session.resumePoint() : undefined
    if (resumeFrom) request.resumeFrom = resumeFrom
    this.session.beginSubscribe()
    const target = this.target
    const attempt = ++this.subscribeAttempt
    if (this.retryTimer) clearTimeout(this.retryTimer)
    socket.timeout(this.options.subscribeTimeoutMs ?? SUBSCRIBE_TIMEOUT_MS).emit('subscribe', request, (timedOut, answer) => {
      if (target !== this.target || attempt !== this.subscribeAttempt) return // a newer subscribe is under way
      this.unanswered = timedOut !== null
      if (timedOut) {
        this.session.reset()
        this.changed('status')
        if (socket.connected) this.retryTimer = setTimeout(() => this.subscribe(false), SUBSCRIBE_RETRY_MS)
        return
      }
      if ('error' in answer) {
        this.session.reset()
        this.setStatus(this.connected, answer.error.message)
        return
      }
      if (this.error !== null) this.setStatus(this.connected, null)
      if (answer.data.type === 'resumed') this.acceptResumed(answer.data)
      else {
        this.counters.snapshots++
        this.acceptSnapshot(answer.data)
      }
    })
  }

  private acceptSnapshot(snapshot: Snapshot): void {
    this.touch()
    const follow = this.session.acceptSnapshot(snapshot)
    if (this.overdue.keepOnly(snapshot.subscription)) this.changed('overdue')
    for (const layer of LAYERS) {
      this.stores[layer].reset(snapshot.cells)
      this.refreshScale(layer)
      for (const listener of this.cellListeners) listener(layer, 'reset')
    }
    this.completeAnswer(snapshot, mergeTicker([], snapshot.ticker), follow)
    if (this.alertsScope !== this.target.scope) void this.loadAlerts(this.target.scope)
  }

  /**
   * Alerts raised before this screen subscribed are not sent again until they change: the active
   * ones are asked for once per scope; the `alert` events keep them from then on.
   */
  private async loadAlerts(scope: string): Promise<void> {
    this.alertsScope = scope
    const query = new URLSearchParams({ scope, state: 'active' })
    const answer = await fetch(`${this.options.url ?? ''}/api/v1/alerts?${query}`)
      .then((r) => (r.ok ? (r.json() as Promise<{ alerts?: SpikeAlert[] }>) : null))
      .catch(() => null)
    if (scope !== this.target.scope || !Array.isArray(answer?.alerts)) return
    for (const alert of answer.alerts) this.acceptAlert(alert)
  }

  /** An alert elsewhere (a place of a scope peeked at) is not this screen's. */
  private acceptAlert(alert: SpikeAlert): void {
    if (!alert?.place || !placeInScope(alert.place, this.target.scope)) return
    if (this.alerts.accept(alert, Date.now())) this.changed('alerts')
  }

  private acceptResumed(resumed: Resumed): void {
    this.touch()
    const follow = this.session.acceptResumed(resumed)
    if (follow === null) {
      this.subscribe(false)
      return
    }
    this.counters.resumes++
    this.applyChanges(resumed)
    this.completeAnswer(resumed, mergeTicker(this.ticker, resumed.ticker), follow)
  }

  /** How a snapshot and a resume answer both end: their KPI and ticker, then the deltas that overtook them. */
  private completeAnswer(answer: Snapshot | Resumed, ticker: TickerItem[], follow: Delta[]): void {
    this.kpi = answer.kpi
    this.units = answer.units
    this.ticker = ticker
    for (const delta of follow) this.applyChanges(delta)
    for (const change of ['cells', 'kpi', 'ticker'] as const) this.changed(change)
  }

  private receiveDelta(delta: Delta): void {
    this.touch()
    const verdict = this.session.judgeDelta(delta)
    if (verdict === 'apply') {
      this.counters.deltas++
      this.applyChanges(delta)
      this.changed('cells')
    } else if (verdict === 'gap') {
      this.counters.gaps++
      this.subscribe(true)
    }
  }

  /** Recolours a layer only when its breaks change (the hottest cell crossed a round number). */
  private refreshScale(layer: Layer): void {
    const store = this.stores[layer]
    const key = scaleKey(store.max)
    if (key === this.scaleKeys[layer]) return
    this.scaleKeys[layer] = key
    const scale = heatScale(layer, store.max)
    store.recolour(scale.colourOf)
    this.scales = { ...this.scales, [layer]: scale }
  }

  private setStatus(connected: boolean, error: string | null): void {
    this.connected = connected
    this.error = error
    this.changed('status')
  }

  private touch(): void {
    this.lastMessageAt = Date.now()
    this.changed('status')
  }

  private changed(change: LiveChange): void {
    for (const listener of this.changeListeners) listener(change)
  }
}
