/**
 * The wall's reactive view of a LiveConnection: the connection does the protocol work; this class
 * only mirrors its fields into runes. Cell counts stay in the connection's binary stores; only a
 * version number is reactive, so Svelte never proxies 20,000 cells.
 */
import type { Degraded, Kpi, Layer, ProtocolMismatch, TickerItem, UnitTotal } from '../../server/core/protocol'
import type { OverdueSpot } from './overdue-store'
import type { SpikeAlert } from '../../server/core/spikes'
import type { Topic } from '../../server/core/topics'
import type { HeatScale } from '../map/colour-scales'
import type { CellLayerStore } from './cell-store'
import { LiveConnection, type CellsListener, type LiveConnectionOptions, type LiveTarget } from './live-connection'

export class LiveClient {
  readonly connection: LiveConnection
  readonly startedAt = Date.now()
  connected = $state(false)
  incompatible = $state.raw<ProtocolMismatch | null>(null)
  unanswered = $state(false)
  degraded = $state.raw<Degraded | null>(null)
  lastMessageAt = $state<number | null>(null)
  kpi = $state.raw<Kpi | null>(null)
  ticker = $state.raw<TickerItem[]>([])
  /** Events per unit in the subscription (server totals: PostGIS placed them at ingest). */
  units = $state.raw<UnitTotal[]>([])
  error = $state<string | null>(null)
  /** Cells holding overdue complaints, largest count first, and their sum. */
  overdue = $state.raw<{ spots: OverdueSpot[]; total: number; at: string | null }>({ spots: [], total: 0, at: null })
  /** Spike alerts of this scope, active ones first (AlertStore). */
  alerts = $state.raw<SpikeAlert[]>([])
  /** Today's top issues of this scope, largest first (TopicsStore). */
  topics = $state.raw<Topic[]>([])
  /** Bumped on every change of cell counts; the map redraws from the stores on change. */
  cellsVersion = $state(0)
  scales = $state.raw<Record<Layer, HeatScale>>({} as Record<Layer, HeatScale>)

  constructor(target: LiveTarget, options?: LiveConnectionOptions) {
    const connection = (this.connection = new LiveConnection(target, options))
    this.scales = connection.scales
    connection.onChange((change) => {
      if (change === 'status') {
        this.connected = connection.connected
        this.incompatible = connection.incompatible
        this.unanswered = connection.unanswered
        this.degraded = connection.degraded
        this.lastMessageAt = connection.lastMessageAt
        this.error = connection.error
      } else if (change === 'cells') {
        this.scales = connection.scales
        this.cellsVersion++
      } else if (change === 'kpi') {
        this.kpi = connection.kpi
        this.units = connection.units
      } else if (change === 'overdue') {
        const { spots, total, at } = connection.overdue
        this.overdue = { spots, total, at }
      } else if (change === 'alerts') this.alerts = connection.alerts.alerts
      else if (change === 'topics') this.topics = connection.topics.topics
      else this.ticker = connection.ticker
    })
  }

  get stores(): Record<Layer, CellLayerStore> {
    return this.connection.stores
  }

  get res() {
    return this.connection.res
  }

  onCells(listener: CellsListener): () => void {
    return this.connection.onCells(listener)
  }

  connect(): void {
    this.connection.connect()
  }

  retarget(next: Partial<LiveTarget>): void {
    this.connection.retarget(next)
  }

  close(): void {
    this.connection.close()
  }
}
