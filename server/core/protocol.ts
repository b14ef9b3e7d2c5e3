/**
 * The wire contract of the Socket.IO namespace `/live`, imported by server and client alike
 * (docs/SPEC.md LIVE-13 says it in prose for other clients). Server events state facts; client
 * events are commands answered through an ack. Instants (`at`, `occurredAt`) are ISO 8601 in UTC.
 */
import type { SpikeAlert } from './spikes'
import type { SubscribeRequest } from './subscription'
import type { Topic } from './topics'

/** Raised when an event or field is removed, renamed or changes meaning; optional additions keep it (LIVE-14). */
export const PROTOCOL_VERSION = 1
export const LIVE_NAMESPACE = '/live'

export const LAYERS = ['complaints', 'mentions'] as const
export type Layer = (typeof LAYERS)[number]

export const WINDOWS = ['1h', '24h', '7d'] as const
export type WindowName = (typeof WINDOWS)[number]

/** `subscribe {scope, layers, res, window, resumeFrom?}`: its schema in subscription.ts owns the type. */
export type { SubscribeRequest }

export interface CellCount {
  cell: string
  layer: Layer
  count: number
  byCategory: Record<string, number>
}

export interface CategoryCount {
  category: string
  count: number
}

/** How the scope's complaints received in the last `periodDays` days were handled (LIFE-6). */
export interface Processing {
  periodDays: 7
  resolved: number
  medianHours: number | null
  p90Hours: number | null
  onTimePct: number | null
  satisfaction: number | null
  ratings: number
}

/** Figures for one scope. Figures that need later capabilities (sentiment) are added when they land. */
export interface Kpi {
  scope: string
  at: string
  today: Record<Layer, { total: number; byCategory: CategoryCount[] }>
  /** Same period yesterday (midnight → same clock time) in the city's zone (clock.ts DEFAULT_TIME_ZONE). */
  yesterdaySamePeriod: Record<Layer, { total: number; byCategory: CategoryCount[] }>
  lastHour: Record<Layer, number>
  sameHourYesterday: Record<Layer, number>
  openComplaints: number
  /** Open complaints past their SLA deadline at `at` (LIFE-3). */
  overdueComplaints: number
  /** Complaints first resolved or closed since local midnight. */
  resolvedToday: number
  /** Absent until the node has asked the database. */
  processing?: Processing
}

/** Overdue open complaints per H3 cell at the subscription's `res`; those without a point have no cell. */
export interface Overdue {
  subscription: string
  at: string
  cells: Array<{ cell: string; count: number }>
}

/** A recent event with no personal data: no contact, and names, phones and e-mails masked in the text. */
export interface TickerItem {
  id: string
  kind: 'complaint' | 'mention'
  occurredAt: string
  category: string | null
  /** Codes of the units the event lies in, from the top level down. */
  units: string[]
  cell: string | null
  text: string | null
}

/** Events per unit inside a subscription's scope, window and layers; unit membership was decided by PostGIS at ingest. */
export interface UnitTotal {
  unit: string
  counts: Partial<Record<Layer, number>>
  /**
   * Of `counts`, the events with no point whose finest unit is this one (WIN-11): located only by
   * the unit's name, so a map draws them as the unit's area, never as a point. Absent when none.
   */
  placeOnly?: Partial<Record<Layer, number>>
}

export interface Snapshot {
  type: 'snapshot'
  subscription: string
  seq: number
  at: string
  request: SubscribeRequest
  cells: CellCount[]
  kpi: Kpi
  ticker: TickerItem[]
  units: UnitTotal[]
}

export interface Delta {
  subscription: string
  seq: number
  at: string
  upserts: CellCount[]
  removals: Array<{ cell: string; layer: Layer }>
}

/**
 * Answer to a subscribe with `resumeFrom` when the server still holds every delta after
 * `fromSeq`: their changes merged into one, ending at `seq`. Otherwise the answer is a Snapshot.
 */
export interface Resumed {
  type: 'resumed'
  subscription: string
  fromSeq: number
  seq: number
  at: string
  upserts: CellCount[]
  removals: Array<{ cell: string; layer: Layer }>
  kpi: Kpi
  ticker: TickerItem[]
  units: UnitTotal[]
}

/**
 * Why a node knows its view may be incomplete (LIVE-12): it cannot read or write the shared log
 * (`log_unavailable`), committed batches wait to be published (`publish_pending`), entries of the
 * log were lost (`log_gap`), or it is recounting its windows from the database (`resyncing`).
 */
export const DEGRADED_REASONS = ['log_unavailable', 'publish_pending', 'log_gap', 'resyncing'] as const
export type DegradedReason = (typeof DEGRADED_REASONS)[number]

export interface Degraded {
  /** When the node first knew (ISO 8601); unchanged while the reason changes within one episode. */
  since: string
  reason: DegradedReason
}

export interface Heartbeat {
  at: string
  /** Present while the node's counts may miss committed events: the screen must not say LIVE. */
  degraded?: Degraded
}

export interface ErrorBody {
  code: string
  message: string
  field?: string
}

export type Ack<T> = { data: T } | { error: ErrorBody }

/**
 * `connect_error` data when the handshake's `auth.protocol` is not the server's: the client was
 * built for another version and would misread messages, so it must fetch the current one.
 */
export interface ProtocolMismatch {
  code: 'protocol_mismatch'
  /** The version the server speaks. */
  server: number
  /** What the client stated, as it stated it. */
  client: unknown
}

/** The `topics` event: GET /api/v1/topics/top's items for `period` today (NLP-5). */
export interface TopicsUpdate {
  scope: string
  period: 'today'
  at: string
  topics: Topic[]
}

export interface ClientToServerEvents {
  subscribe: (request: SubscribeRequest, ack: (answer: Ack<Snapshot | Resumed>) => void) => void
  unsubscribe: (subscription: string, ack: (answer: Ack<{ subscription: string }>) => void) => void
}

export interface ServerToClientEvents {
  /** Also sent unasked as a keyframe to a client that fell behind and was skipped (LIVE-8). */
  snapshot: (snapshot: Snapshot) => void
  delta: (delta: Delta) => void
  kpi: (kpi: Kpi & { subscription: string; units: UnitTotal[] }) => void
  /** Newest first, for every subscription of `scope` (an array with a property would not survive JSON). */
  ticker: (ticker: { scope: string; items: TickerItem[] }) => void
  /** After every snapshot or resumed answer, and whenever the cells change (a deadline passes too). */
  overdue: (overdue: Overdue) => void
  /** A spike alert raised, updated or cleared at a place the scope holds, to its subscribers (NLP-6). */
  alert: (alert: SpikeAlert) => void
  /** Today's top issues of the scope (NLP-5): after a snapshot, and whenever the list changes. */
  topics: (topics: TopicsUpdate) => void
  /**
   * Sent by the node a client is connected to every few seconds even when nothing changes, so a
   * screen can tell quiet from dead, and at once when `degraded` starts or ends. With several nodes
   * (Redis) it goes through the adapter, and Socket.IO appends its connection-state-recovery
   * offset as a second argument; clients keep it only to resume.
   */
  heartbeat: (beat: Heartbeat, offset?: string) => void
}
