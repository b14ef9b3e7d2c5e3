/**
 * Live cell counts of one layer kept as binary attribute arrays, so a delta touches only the
 * slots it names and deck.gl re-uploads buffers instead of re-running accessors on every cell.
 * Pure: no DOM, no deck.gl; unit-tested under node:test.
 */
import type { CellCount, Layer } from '../../server/core/protocol'

export type Rgba = readonly [number, number, number, number]
export type ColourOf = (count: number) => Rgba
export type CentreOf = (cell: string) => readonly [lng: number, lat: number]

export interface ApplyResult {
  added: number
  changed: number
  removed: number
  /** Cells whose count went up: where new events landed. */
  increased: string[]
}

const MIN_CAPACITY = 1024

export class CellLayerStore {
  readonly layer: Layer
  length = 0
  /** Bumped when a slot's position moves (add, remove); colours alone do not move hexes. */
  positionsVersion = 0
  /** Bumped when any count or colour changes. */
  valuesVersion = 0
  positions: Float64Array
  colours: Uint8Array
  counts: Float32Array
  private cells: string[] = []
  private slots = new Map<string, number>()
  /** Each cell's counts by category (WIN-9: `''` none), as the wire gave them: a console filters on them. */
  private byCategory = new Map<string, Readonly<Record<string, number>>>()
  private colourOf: ColourOf
  private readonly centreOf: CentreOf
  private maxCache: number | null = 0
  /** Centres are pure functions of the cell id; caching them keeps h3 out of the delta path. */
  private centres = new Map<string, readonly [number, number]>()

  constructor(layer: Layer, centreOf: CentreOf, colourOf: ColourOf, capacity = MIN_CAPACITY) {
    this.layer = layer
    this.centreOf = centreOf
    this.colourOf = colourOf
    this.positions = new Float64Array(capacity * 2)
    this.colours = new Uint8Array(capacity * 4)
    this.counts = new Float32Array(capacity)
  }

  get capacity(): number {
    return this.counts.length
  }

  has(cell: string): boolean {
    return this.slots.has(cell)
  }

  countOf(cell: string): number {
    const slot = this.slots.get(cell)
    return slot === undefined ? 0 : (this.counts[slot] ?? 0)
  }

  /** The cell's counts by category; empty when the wire gave none. */
  categoriesOf(cell: string): Readonly<Record<string, number>> {
    return this.byCategory.get(cell) ?? {}
  }

  cellAt(slot: number): string | undefined {
    return slot < this.length ? this.cells[slot] : undefined
  }

  centre(cell: string): readonly [number, number] {
    let c = this.centres.get(cell)
    if (!c) {
      c = this.centreOf(cell)
      this.centres.set(cell, c)
    }
    return c
  }

  /** The largest count in the layer (0 when empty). */
  get max(): number {
    if (this.maxCache === null) {
      let m = 0
      for (let i = 0; i < this.length; i++) m = Math.max(m, this.counts[i] ?? 0)
      this.maxCache = m
    }
    return this.maxCache
  }

  get total(): number {
    let t = 0
    for (let i = 0; i < this.length; i++) t += this.counts[i] ?? 0
    return t
  }

  /** Replaces everything with a snapshot's cells of this layer. */
  reset(cells: readonly CellCount[]): void {
    this.slots.clear()
    this.byCategory.clear()
    this.cells = []
    this.length = 0
    // The centre cache only ever holds cells of the current snapshot and what followed it.
    this.centres.clear()
    const mine = cells.filter((c) => c.layer === this.layer && c.count > 0)
    this.ensureCapacity(mine.length, true)
    for (const c of mine) {
      this.append(c.cell, c.count)
      this.byCategory.set(c.cell, c.byCategory)
    }
    this.maxCache = null
    this.positionsVersion++
    this.valuesVersion++
  }

  /** Applies a delta's upserts and removals for this layer; other layers' entries are ignored. */
  apply(upserts: readonly CellCount[], removals: ReadonlyArray<{ cell: string; layer: Layer }>): ApplyResult {
    const result: ApplyResult = { added: 0, changed: 0, removed: 0, increased: [] }
    for (const r of removals) {
      if (r.layer === this.layer && this.remove(r.cell)) result.removed++
    }
    for (const u of upserts) {
      if (u.layer !== this.layer) continue
      if (u.count <= 0) {
        if (this.remove(u.cell)) result.removed++
        continue
      }
      const slot = this.slots.get(u.cell)
      this.byCategory.set(u.cell, u.byCategory)
      if (slot === undefined) {
        this.ensureCapacity(this.length + 1, false)
        this.append(u.cell, u.count)
        result.added++
        result.increased.push(u.cell)
        if (this.maxCache !== null) this.maxCache = Math.max(this.maxCache, u.count)
      } else {
        const before = this.counts[slot] ?? 0
        if (before === u.count) continue
        this.counts[slot] = u.count
        this.paint(slot, u.count)
        result.changed++
        if (u.count > before) result.increased.push(u.cell)
        if (this.maxCache !== null) {
          if (u.count >= this.maxCache) this.maxCache = u.count
          else if (before >= this.maxCache) this.maxCache = null
        }
      }
    }
    if (result.added || result.removed) this.positionsVersion++
    if (result.added || result.removed || result.changed) this.valuesVersion++
    return result
  }

  /** Repaints every slot, after the colour scale changed. */
  recolour(colourOf: ColourOf): void {
    this.colourOf = colourOf
    for (let i = 0; i < this.length; i++) this.paint(i, this.counts[i] ?? 0)
    this.valuesVersion++
  }

  /** The `n` cells with the highest counts, optionally only those `accept` keeps. */
  top(n: number, accept?: (cell: string, centre: readonly [number, number]) => boolean): Array<{ cell: string; count: number }> {
    const out: Array<{ cell: string; count: number }> = []
    for (let i = 0; i < this.length; i++) {
      const cell = this.cells[i]!
      const count = this.counts[i] ?? 0
      if (out.length === n && count <= out[out.length - 1]!.count) continue
      if (accept && !accept(cell, this.centre(cell))) continue
      out.push({ cell, count })
      out.sort((a, b) => b.count - a.count)
      if (out.length > n) out.pop()
    }
    return out
  }

  private append(cell: string, count: number): void {
    const slot = this.length++
    this.cells[slot] = cell
    this.slots.set(cell, slot)
    const [lng, lat] = this.centre(cell)
    this.positions[slot * 2] = lng
    this.positions[slot * 2 + 1] = lat
    this.counts[slot] = count
    this.paint(slot, count)
  }

  /** Swap-remove: the last slot moves into the hole, so arrays stay dense. */
  private remove(cell: string): boolean {
    const slot = this.slots.get(cell)
    if (slot === undefined) return false
    const last = this.length - 1
    const removedCount = this.counts[slot] ?? 0
    if (slot !== last) {
      const moved = this.cells[last]!
      this.cells[slot] = moved
      this.slots.set(moved, slot)
      this.positions.copyWithin(slot * 2, last * 2, last * 2 + 2)
      this.colours.copyWithin(slot * 4, last * 4, last * 4 + 4)
      this.counts[slot] = this.counts[last] ?? 0
    }
    this.cells.length = last
    this.slots.delete(cell)
    this.byCategory.delete(cell)
    this.centres.delete(cell)
    this.length = last
    if (this.maxCache !== null && removedCount >= this.maxCache) this.maxCache = null
    return true
  }

  private paint(slot: number, count: number): void {
    const [r, g, b, a] = this.colourOf(count)
    const o = slot * 4
    this.colours[o] = r
    this.colours[o + 1] = g
    this.colours[o + 2] = b
    this.colours[o + 3] = a
  }

  /** Grows by doubling; on a snapshot, shrinks back so a quiet night gives memory back. */
  private ensureCapacity(needed: number, allowShrink: boolean): void {
    let capacity = this.capacity
    if (needed <= capacity && !(allowShrink && capacity > MIN_CAPACITY && needed < capacity / 4)) return
    capacity = MIN_CAPACITY
    while (capacity < needed) capacity *= 2
    if (allowShrink) capacity = Math.max(capacity, MIN_CAPACITY)
    const positions = new Float64Array(capacity * 2)
    const colours = new Uint8Array(capacity * 4)
    const counts = new Float32Array(capacity)
    positions.set(this.positions.subarray(0, Math.min(this.length, capacity) * 2))
    colours.set(this.colours.subarray(0, Math.min(this.length, capacity) * 4))
    counts.set(this.counts.subarray(0, Math.min(this.length, capacity)))
    this.positions = positions
    this.colours = colours
    this.counts = counts
  }
}
