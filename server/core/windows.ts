/**
 * Sliding-window counts per H3 cell × layer × category, for every scope (the city and each unit an
 * event belongs to, whatever its level) and map resolution, plus each scope's totals per unit,
 * and the events each unit holds only by its name (no point), kept in minute buckets (docs/SPEC.md
 * WIN-1…WIN-11). Pure: time comes in as an argument; nothing
 * here reads a clock.
 */
import { cellToParent } from 'h3-js'
import type { EventKind } from './event'
import { MAP_RESOLUTIONS, type MapResolution } from './h3'
import type { CellCount, Layer, WindowName } from './protocol'
import { LAYERS, WINDOWS } from './protocol'

export const MINUTE_MS = 60_000
export const WINDOW_MINUTES: Record<WindowName, number> = { '1h': 60, '24h': 1440, '7d': 10080 }
/** The longest window: buckets older than this are dropped (WIN-6). */
export const RETAINED_MINUTES = WINDOW_MINUTES['7d']
export const CITY_SCOPE = 'city'
/** Category key of events without a category, in `byCategory` and KPIs (same as rollup_minute). */
export const NO_CATEGORY = ''

export const layerOfKind = (kind: EventKind): Layer => (kind === 'complaint' ? 'complaints' : 'mentions')
export const minuteOf = (ms: number): number => Math.floor(ms / MINUTE_MS)

/** One event, or one rollup_minute row (count > 1), as the windows see it. */
export interface WindowInput {
  kind: EventKind
  occurredAtMs: number
  /** Finest (r9) cell, or null when the event has no point: it then counts in KPIs only. */
  cell: string | null
  category: string | null
  /** Codes of the units the event lies in, from the top level down (decided by PostGIS at ingest). */
  units: readonly string[]
  count?: number
}

interface BucketEntry {
  layer: Layer
  cell: string | null
  category: string
  /** Units of the event; its scopes are the city and these. */
  units: readonly string[]
  /** `units` joined: the key of its unit list in the unit counts. */
  unitsKey: string
  scopes: string[]
  count: number
}

interface CellAggregate {
  count: number
  byCategory: Map<string, number>
}

type Group = Map<string, CellAggregate>

/** One window × scope × resolution × layer: its cells, and those changed since the last takeDirty(). */
interface GroupRecord {
  key: string
  cells: Group
  dirty: Set<string>
}

export const groupKey = (window: WindowName, scope: string, res: MapResolution, layer: Layer) => `${window}|${scope}|${res}|${layer}`

/** Scopes an event belongs to: the city and each of its units, whatever their level (WIN-8). */
export function scopesOf(units: readonly string[]): string[] {
  return [CITY_SCOPE, ...units]
}

export interface SlidingWindowsOptions {
  /** The instant the windows start at; buckets are kept relative to it. */
  now: Date
  resolutions?: readonly MapResolution[]
}

export class SlidingWindows {
  private readonly resolutions: readonly MapResolution[]
  /** minute → entries of that minute, keyed by layer|cell|category|units. */
  private readonly buckets = new Map<number, Map<string, BucketEntry>>()
  private readonly groups = new Map<string, GroupRecord>()
  /**
   * scope → its group records, indexed [window][resolution][layer]: an event touches 36 groups,
   * so they are found by index rather than by building and hashing 36 keys.
   */
  private readonly groupsOfScope = new Map<string, GroupRecord[]>()
  /**
   * Events per distinct unit list, indexed [window][layer] (WIN-10): an event touches one entry
   * per window, and a scope's per-unit totals are summed from these few hundred lists when asked.
   */
  private readonly unitLists: UnitLists[] = Array.from({ length: WINDOWS.length * LAYERS.length }, () => new Map())
  /** The same for events without a point only (WIN-11): their finest unit is all the map knows of where they are. */
  private readonly placeOnlyLists: UnitLists[] = Array.from({ length: WINDOWS.length * LAYERS.length }, () => new Map())
  /** Groups with changed cells since the last takeDirty(). */
  private dirtyGroups = new Set<GroupRecord>()
  /** minute → scope → `layer|category` → count: what KPIs sum over (today, last hour…). */
  private readonly scopeMinutes = new Map<number, Map<string, Map<string, number>>>()
  /** Scopes whose KPI figures changed since the last takeDirtyScopes(). */
  private dirtyScopes = new Set<string>()
  private readonly parents = new Map<string, string[]>()
  private currentMinute: number

  constructor(options: SlidingWindowsOptions) {
    this.resolutions = options.resolutions ?? MAP_RESOLUTIONS
    this.currentMinute = minuteOf(options.now.getTime())
  }

  get minute(): number {
    return this.currentMinute
  }

  /** Whether bucket `minute` lies in `window` at the current minute; future minutes do (WIN-2). */
  private inWindow(minute: number, window: WindowName): boolean {
    return minute > this.currentMinute - WINDOW_MINUTES[window]
  }

  /** Adds events (or roll-up rows) to their minute bucket, wherever in the 7 days it lies (WIN-4, WIN-5). */
  add(inputs: readonly WindowInput[]): void {
    for (const input of inputs) {
      const count = input.count ?? 1
      if (count <= 0) continue
      const minute = minuteOf(input.occurredAtMs)
      if (!this.inWindow(minute, '7d')) continue // WIN-6: older than every window
      const layer = layerOfKind(input.kind)
      const category = input.category ?? NO_CATEGORY
      const unitsKey = input.units.join('|')
      const key = `${layer}|${input.cell ?? ''}|${category}|${unitsKey}`
      let bucket = this.buckets.get(minute)
      if (!bucket) this.buckets.set(minute, (bucket = new Map()))
      let entry = bucket.get(key)
      if (!entry) {
        entry = { layer, cell: input.cell, category, units: input.units, unitsKey, scopes: scopesOf(input.units), count: 0 }
        bucket.set(key, entry)
      }
      entry.count += count
      this.addToScopeMinutes(minute, entry, count)
      for (let w = 0; w < WINDOWS.length; w++) if (this.inWindow(minute, WINDOWS[w]!)) this.apply(w, entry, count)
    }
  }

  /** Moves time forward: buckets that left a window are subtracted from it (WIN-3); time never goes back (WIN-7). */
  advanceTo(now: Date): void {
    const next = minuteOf(now.getTime())
    if (next <= this.currentMinute) return
    const previous = this.currentMinute
    this.currentMinute = next
    for (let w = 0; w < WINDOWS.length; w++) {
      const span = WINDOW_MINUTES[WINDOWS[w]!]
      for (const [minute, bucket] of this.buckets) {
        if (minute > previous - span && minute <= next - span) for (const entry of bucket.values()) this.apply(w, entry, -entry.count)
      }
    }
    for (const minute of this.buckets.keys()) if (minute <= next - RETAINED_MINUTES) this.buckets.delete(minute)
    for (const minute of this.scopeMinutes.keys()) if (minute <= next - RETAINED_MINUTES) this.scopeMinutes.delete(minute)
    // Every KPI depends on "now" (today, last hour): all scopes are due for a recount.
    for (const scopes of this.scopeMinutes.values()) for (const scope of scopes.keys()) this.dirtyScopes.add(scope)
  }

  private parentsOf(cell: string): string[] {
    let parents = this.parents.get(cell)
    if (!parents) {
      parents = this.resolutions.map((res) => cellToParent(cell, res))
      if (this.parents.size > 500_000) this.parents.clear() // a cache, bounded
      this.parents.set(cell, parents)
    }
    return parents
  }

  private recordsOf(scope: string): GroupRecord[] {
    let records = this.groupsOfScope.get(scope)
    if (!records) {
      records = []
      for (const window of WINDOWS) {
        for (const res of this.resolutions) {
          for (const layer of LAYERS) {
            const key = groupKey(window, scope, res, layer)
            const record: GroupRecord = { key, cells: new Map(), dirty: new Set() }
            this.groups.set(key, record)
            records.push(record)
          }
        }
      }
      this.groupsOfScope.set(scope, records)
    }
    return records
  }

  private apply(windowIndex: number, entry: BucketEntry, delta: number): void {
    const layerIndex = entry.layer === 'complaints' ? 0 : 1
    // WIN-10: counted by unit list, with or without a point.
    if (entry.units.length > 0) {
      const index = windowIndex * LAYERS.length + layerIndex
      addToList(this.unitLists[index]!, entry, delta)
      if (entry.cell === null) addToList(this.placeOnlyLists[index]!, entry, delta) // WIN-11
    }
    if (entry.cell === null) return // WIN-9: no point, no cell; KPIs and unit totals still count it
    const parents = this.parentsOf(entry.cell)
    const resolutions = this.resolutions.length
    for (const scope of entry.scopes) {
      const records = this.recordsOf(scope)
      for (let i = 0; i < resolutions; i++) {
        const record = records[(windowIndex * resolutions + i) * LAYERS.length + layerIndex]!
        const cell = parents[i]!
        let aggregate = record.cells.get(cell)
        if (!aggregate) record.cells.set(cell, (aggregate = { count: 0, byCategory: new Map() }))
        aggregate.count += delta
        const byCategory = (aggregate.byCategory.get(entry.category) ?? 0) + delta
        if (byCategory <= 0) aggregate.byCategory.delete(entry.category)
        else aggregate.byCategory.set(entry.category, byCategory)
        if (aggregate.count <= 0) record.cells.delete(cell) // WIN-3: a cell that empties is removed
        record.dirty.add(cell)
        this.dirtyGroups.add(record)
      }
    }
  }

  private addToScopeMinutes(minute: number, entry: BucketEntry, count: number): void {
    let scopes = this.scopeMinutes.get(minute)
    if (!scopes) this.scopeMinutes.set(minute, (scopes = new Map()))
    for (const scope of entry.scopes) {
      let counts = scopes.get(scope)
      if (!counts) scopes.set(scope, (counts = new Map()))
      const key = `${entry.layer}|${entry.category}`
      counts.set(key, (counts.get(key) ?? 0) + count)
      this.dirtyScopes.add(scope)
    }
  }

  /** Current counts of one group (a snapshot); empty cells are never listed. */
  cells(window: WindowName, scope: string, res: MapResolution, layer: Layer): CellCount[] {
    const group = this.groups.get(groupKey(window, scope, res, layer))?.cells
    if (!group) return []
    const out: CellCount[] = []
    for (const [cell, aggregate] of group) out.push(toCellCount(cell, layer, aggregate))
    return out
  }

  /** One cell's current count, or null when it is empty. */
  cell(window: WindowName, scope: string, res: MapResolution, layer: Layer, cell: string): CellCount | null {
    const aggregate = this.groups.get(groupKey(window, scope, res, layer))?.cells.get(cell)
    return aggregate ? toCellCount(cell, layer, aggregate) : null
  }

  /**
   * Events per unit inside `scope` for one window and layer (WIN-10): each event counts for each of
   * its units, so the city knows every unit's total and a unit knows its own and those below it.
   * Units with no events are not listed. Summed on each call from the few hundred unit lists (a new
   * map the caller may keep): reads are once a second per room, writes once per event.
   */
  unitTotals(window: WindowName, scope: string, layer: Layer): Map<string, number> {
    const totals = new Map<string, number>()
    const lists = this.unitLists[WINDOWS.indexOf(window) * LAYERS.length + (layer === 'complaints' ? 0 : 1)]!
    for (const { units, count } of lists.values()) {
      if (scope !== CITY_SCOPE && !units.includes(scope)) continue
      for (const unit of units) totals.set(unit, (totals.get(unit) ?? 0) + count)
    }
    return totals
  }

  /**
   * Events located only by a unit's name, per unit, inside `scope` for one window and layer
   * (WIN-11): an event without a point counts once, at its finest unit (the last of its chain, the
   * unit it was sent or recognised with), never at the units above it, so the map can fill that
   * unit's polygon and nothing coarser or finer. Scopes filter as unit totals do: a unit sees its
   * own and those of the units below it. An event with a point never counts here.
   */
  placeOnlyTotals(window: WindowName, scope: string, layer: Layer): Map<string, number> {
    const totals = new Map<string, number>()
    const lists = this.placeOnlyLists[WINDOWS.indexOf(window) * LAYERS.length + (layer === 'complaints' ? 0 : 1)]!
    for (const { units, count } of lists.values()) {
      if (scope !== CITY_SCOPE && !units.includes(scope)) continue
      const finest = units[units.length - 1]!
      totals.set(finest, (totals.get(finest) ?? 0) + count)
    }
    return totals
  }

  /**
   * After a recount (LIVE-12): marks as changed every cell whose count differs from `previous`, or
   * that `previous` changed since its last takeDirty(), and every scope of either as due, so the
   * next flush sends each screen exactly the corrections. `previous` must not be used afterwards.
   */
  markChangedSince(previous: SlidingWindows): void {
    for (const [scope, before] of previous.groupsOfScope) {
      const after = this.recordsOf(scope)
      for (let i = 0; i < before.length; i++) this.markDifferences(before[i]!, after[i]!)
      this.dirtyScopes.add(scope)
    }
    for (const [scope, after] of this.groupsOfScope) {
      if (previous.groupsOfScope.has(scope)) continue
      for (const record of after) for (const cell of record.cells.keys()) this.markDirty(record, cell)
      this.dirtyScopes.add(scope)
    }
  }

  private markDifferences(before: GroupRecord, after: GroupRecord): void {
    for (const [cell, aggregate] of before.cells) if (!sameAggregate(aggregate, after.cells.get(cell))) this.markDirty(after, cell)
    for (const cell of after.cells.keys()) if (!before.cells.has(cell)) this.markDirty(after, cell)
    for (const cell of before.dirty) this.markDirty(after, cell)
  }

  private markDirty(record: GroupRecord, cell: string): void {
    record.dirty.add(cell)
    this.dirtyGroups.add(record)
  }

  /** Cells changed since the previous call, per group key; resets the record (DELTA-1). */
  takeDirty(): Map<string, Set<string>> {
    const dirty = new Map<string, Set<string>>()
    for (const record of this.dirtyGroups) {
      dirty.set(record.key, record.dirty)
      record.dirty = new Set()
    }
    this.dirtyGroups = new Set()
    return dirty
  }

  takeDirtyScopes(): Set<string> {
    const dirty = this.dirtyScopes
    this.dirtyScopes = new Set()
    return dirty
  }

  /** Sums `layer|category` counts of `scope` over minutes [fromMinute, toMinute). */
  sumMinutes(scope: string, fromMinute: number, toMinute: number): Map<string, number> {
    const sums = new Map<string, number>()
    if (toMinute - fromMinute > this.scopeMinutes.size) {
      for (const [minute, scopes] of this.scopeMinutes) if (minute >= fromMinute && minute < toMinute) addInto(sums, scopes.get(scope))
    } else {
      for (let minute = fromMinute; minute < toMinute; minute++) addInto(sums, this.scopeMinutes.get(minute)?.get(scope))
    }
    return sums
  }

  /** Sizes, for tests and the memory bound (LIVE-9). */
  stats(): { buckets: number; groups: number; cells: number } {
    let cells = 0
    let groups = 0
    for (const record of this.groups.values()) {
      cells += record.cells.size
      if (record.cells.size > 0) groups++
    }
    return { buckets: this.buckets.size, groups, cells }
  }
}

type UnitLists = Map<string, { units: readonly string[]; count: number }>

function addToList(lists: UnitLists, entry: BucketEntry, delta: number): void {
  let list = lists.get(entry.unitsKey)
  if (!list) lists.set(entry.unitsKey, (list = { units: entry.units, count: 0 }))
  list.count += delta
  if (list.count <= 0) lists.delete(entry.unitsKey)
}

function addInto(sums: Map<string, number>, counts: Map<string, number> | undefined): void {
  if (!counts) return
  for (const [key, count] of counts) sums.set(key, (sums.get(key) ?? 0) + count)
}

function sameAggregate(a: CellAggregate, b: CellAggregate | undefined): boolean {
  if (!b || a.count !== b.count || a.byCategory.size !== b.byCategory.size) return false
  for (const [category, count] of a.byCategory) if (b.byCategory.get(category) !== count) return false
  return true
}

function toCellCount(cell: string, layer: Layer, aggregate: CellAggregate): CellCount {
  return { cell, layer, count: aggregate.count, byCategory: Object.fromEntries(aggregate.byCategory) }
}
