/**
 * The wall's connection to Socket.IO `/live`: subscribe → snapshot, then deltas, KPIs, ticker and
 * heartbeats. Reconnects by itself (socket.io-client's backoff) and subscribes again on every
 * connect. Cell counts live in CellLayerStore binary arrays; only version numbers are reactive,
 * so Svelte never proxies 20,000 cells.
 */
import { io, type Socket } from 'socket.io-client'
import { cellCentre, type MapResolution } from '../../server/core/h3'
import {
  LAYERS,
  LIVE_NAMESPACE,
  type ClientToServerEvents,
  type Delta,
  type Kpi,
  type Layer,
  type Resumed,
  type ServerToClientEvents,
  type Snapshot,
  type SubscribeRequest,
  type TickerItem,
  type UnitTotal,
  type WindowName,
} from '../../server/core/protocol'
import { heatScale, scaleKey, type HeatScale } from '../map/colour-scales'
import { CellLayerStore, type ApplyResult } from './cell-store'
import { LiveSession } from './session'
import { mergeTicker } from './ticker'

export interface LiveTarget {
  scope: string
  layers: Layer[]
  window: WindowName
  res: MapResolution
}

export type CellsListener = (layer: Layer, result: ApplyResult | 'reset') => void

export class LiveClient {
  connected = $state(false)
  lastMessageAt = $state<number | null>(null)
  readonly startedAt = Date.now()
  kpi = $state.raw<Kpi | null>(null)
  ticker = $state.raw<TickerItem[]>([])
  /** Events per unit in the subscription (server totals: PostGIS placed them at ingest). */
  units = $state.raw<UnitTotal[]>([])
  error = $state<string | null>(null)
  /** Bumped on every change of cell counts; the map redraws from the stores on change. */
  cellsVersion = $state(0)
  scales = $state.raw<Record<Layer, HeatScale>>({
    complaints: heatScale('complaints', 1),
    mentions: heatScale('mentions', 1),
  })
  /** Time the last delta took to apply, for the bench and the debug overlay. */
  lastApplyMs = $state(0)
  readonly stores: Record<Layer, CellLayerStore>

  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null
  private readonly session = new LiveSession()
  private target: LiveTarget
  private readonly listeners = new Set<CellsListener>()
  private scaleKeys: Record<Layer, string> = { complaints: '', mentions: '' }
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null

  constructor(target: LiveTarget) {
    this.target = target
    const centre = (cell: string) => cellCentre(cell)
    this.stores = {
      complaints: new CellLayerStore('complaints', centre, this.scales.complaints.colourOf),
      mentions: new CellLayerStore('mentions', centre, this.scales.mentions.colourOf),
    }
  }

  get res(): MapResolution {
    return this.target.res
  }

  onCells(listener: CellsListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  connect(): void {
    if (this.socket) return
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(LIVE_NAMESPACE, {
      reconnection: true,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 5_000,
      timeout: 10_000,
    })
    this.socket = socket
    socket.on('connect', () => {
      this.connected = true
      this.subscribe(true)
    })
    socket.on('disconnect', (reason) => {
      this.connected = false
      // socket.io-client does not come back by itself after the server said goodbye (a shutdown or
      // a restart): an unattended wall must, so it asks again — the manager backs off from there.
      if (reason === 'io server disconnect') this.reconnectTimer = setTimeout(() => this.socket?.connect(), 2_000)
    })
    socket.on('connect_error', () => {
      this.connected = false
    })
    // An unasked snapshot is a keyframe for a screen that fell behind.
    socket.on('snapshot', (snapshot) => {
      if (snapshot.subscription === this.session.subscription) this.acceptSnapshot(snapshot)
    })
    socket.on('delta', (delta) => this.receiveDelta(delta))
    socket.on('kpi', (kpi) => {
      this.touch()
      if (this.session.subscription === null || kpi.subscription === this.session.subscription) {
        this.kpi = kpi
        this.units = kpi.units ?? []
      }
    })
    socket.on('ticker', (ticker) => {
      this.touch()
      if (ticker.scope === this.target.scope && Array.isArray(ticker.items)) this.ticker = mergeTicker(this.ticker, ticker.items)
    })
    socket.on('heartbeat', () => this.touch())
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
    this.target = merged
    // A resume point belongs to the old request; the new one starts from a fresh snapshot.
    const old = this.session.subscription
    this.session.reset()
    if (this.socket?.connected) {
      if (old) this.socket.emit('unsubscribe', old, () => {})
      this.subscribe(false)
    }
  }

  close(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.socket?.removeAllListeners()
    this.socket?.disconnect()
    this.socket = null
    this.connected = false
    this.listeners.clear()
  }

  private subscribe(resume: boolean): void {
    const socket = this.socket
    if (!socket) return
    const request: SubscribeRequest = {
      scope: this.target.scope,
      layers: this.target.layers,
      res: this.target.res,
      window: this.target.window,
    }
    const resumeFrom = resume ? this.session.resumePoint() : undefined
    if (resumeFrom) request.resumeFrom = resumeFrom
    this.session.beginSubscribe()
    const target = this.target
    socket.emit('subscribe', request, (answer) => {
      if (target !== this.target) return // a newer subscribe is under way
      if ('error' in answer) {
        this.error = answer.error.message
        this.session.reset()
        return
      }
      this.error = null
      if (answer.data.type === 'resumed') this.acceptResumed(answer.data)
      else this.acceptSnapshot(answer.data)
    })
  }

  private acceptSnapshot(snapshot: Snapshot): void {
    this.touch()
    const follow = this.session.acceptSnapshot(snapshot)
    for (const layer of LAYERS) {
      this.stores[layer].reset(snapshot.cells)
      this.refreshScale(layer)
      for (const l of this.listeners) l(layer, 'reset')
    }
    this.kpi = snapshot.kpi
    this.units = snapshot.units ?? []
    this.ticker = mergeTicker([], snapshot.ticker)
    for (const d of follow) this.applyDelta(d)
    this.cellsVersion++
  }

  private acceptResumed(resumed: Resumed): void {
    this.touch()
    const follow = this.session.acceptResumed(resumed)
    if (follow === null) {
      this.subscribe(false)
      return
    }
    this.applyDelta(resumed)
    this.kpi = resumed.kpi
    this.units = resumed.units ?? []
    this.ticker = mergeTicker(this.ticker, resumed.ticker)
    for (const d of follow) this.applyDelta(d)
    this.cellsVersion++
  }

  private receiveDelta(delta: Delta): void {
    this.touch()
    const verdict = this.session.judgeDelta(delta)
    if (verdict === 'apply') {
      this.applyDelta(delta)
      this.cellsVersion++
    } else if (verdict === 'gap') {
      this.subscribe(true)
    }
  }

  /** Applies one delta to the binary stores; exposed for the browser bench. */
  applyDelta(delta: Pick<Delta, 'upserts' | 'removals'>): void {
    const started = performance.now()
    for (const layer of LAYERS) {
      const result = this.stores[layer].apply(delta.upserts, delta.removals)
      if (result.added || result.changed || result.removed) {
        this.refreshScale(layer)
        for (const l of this.listeners) l(layer, result)
      }
    }
    this.lastApplyMs = performance.now() - started
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

  private touch(): void {
    this.lastMessageAt = Date.now()
  }
}
