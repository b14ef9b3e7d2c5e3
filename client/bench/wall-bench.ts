/**
 * Browser bench page (built by Vite, driven by bench/wall-browser.ts): 20,000 visible hexes on
 * the real map stack, then 1,000-cell deltas through the same store and layer factory as /wall.
 * Results are left on `window.__benchResult`.
 */
import * as maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { MapboxOverlay } from '@deck.gl/mapbox'
import { gridDisk, latLngToCell } from 'h3-js'
import { cellCentre } from '../../server/core/h3'
import type { CellCount } from '../../server/core/protocol'
import { CellLayerStore } from '../live/cell-store'
import { heatScale } from '../map/colour-scales'
import { hexVerticesAt } from '../map/hex-geometry'
import { buildLayers } from '../map/layers'
import { offlineStyle } from '../map/offline-style'

export interface WallBenchResult {
  cells: number
  deltaCells: number
  applyMs: { median: number; p95: number }
  applyAndDrawMs: { median: number; p95: number }
  /** The same two frames with no delta: what the renderer costs on its own. */
  idleDrawMs: { median: number; p95: number }
  idleFrames: { medianMs: number; p95Ms: number }
  frames: { count: number; medianMs: number; p95Ms: number; over33ms: number; seconds: number; deltasApplied: number }
}

declare global {
  interface Window {
    __benchResult?: WallBenchResult | { error: string }
  }
}

const TOTAL = 20_000
const DELTA = 1_000

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))

async function run(): Promise<WallBenchResult> {
  maplibregl.setWorkerUrl(workerUrl)
  const map = new maplibregl.Map({ container: 'map', style: offlineStyle(), center: [106.7, 10.78], zoom: 12.2, attributionControl: false, fadeDuration: 0 })
  await new Promise<void>((resolve) => map.on('load', () => resolve()))
  const overlay = new MapboxOverlay({ interleaved: false, layers: [] })
  map.addControl(overlay as unknown as maplibregl.IControl)

  // 20,000 res-9 cells around the centre (a disk of radius 81 has 19,927 cells; take 20,000 of radius 82).
  const cells = gridDisk(latLngToCell(10.78, 106.7, 9), 82).slice(0, TOTAL)
  let scale = heatScale('complaints', 200)
  const store = new CellLayerStore('complaints', cellCentre, scale.colourOf)
  store.reset(cells.map((cell, i): CellCount => ({ cell, layer: 'complaints', count: 1 + (i % 200), byCategory: {} })))
  const vertices = hexVerticesAt(106.7, 10.78, 9)
  const draw = () =>
    overlay.setProps({
      layers: buildLayers({
        heat: [{ layer: 'complaints', store, visible: true }],
        vertices,
        extruded: false,
        elevationPerEvent: 0,
        labels: [],
        hotCells: [],
        pulses: [],
        now: performance.now(),
        uiScale: 1,
        outlines: null,
        highlight: null,
        overdue: { spots: [], visible: false },
      }),
    })
  draw()
  for (let i = 0; i < 10; i++) await nextFrame()

  let round = 0
  const makeDelta = (): CellCount[] => {
    round++
    const out: CellCount[] = []
    for (let i = 0; i < DELTA; i++) {
      const cell = cells[(round * 7_919 + i * 19) % cells.length]!
      out.push({ cell, layer: 'complaints', count: 1 + ((round + i) % 250), byCategory: {} })
    }
    return out
  }

  const apply: number[] = []
  const applyDraw: number[] = []
  for (let i = 0; i < 40; i++) {
    const delta = makeDelta()
    const t0 = performance.now()
    store.apply(delta, [])
    if (store.max > 200 && scale.breaks.length) {
      scale = heatScale('complaints', store.max)
      store.recolour(scale.colourOf)
    }
    const t1 = performance.now()
    draw()
    map.triggerRepaint()
    await nextFrame()
    await nextFrame()
    const t2 = performance.now()
    apply.push(t1 - t0)
    applyDraw.push(t2 - t0)
  }

  const idle: number[] = []
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now()
    draw()
    map.triggerRepaint()
    await nextFrame()
    await nextFrame()
    idle.push(performance.now() - t0)
  }
  const idleIntervals: number[] = []
  let idleLast = performance.now()
  const idleStarted = idleLast
  while (performance.now() - idleStarted < 3_000) {
    map.triggerRepaint()
    const t = await nextFrame()
    idleIntervals.push(t - idleLast)
    idleLast = t
  }

  // Sustained: 4 delta batches a second for 6 s while the map keeps drawing every frame.
  const intervals: number[] = []
  let last = performance.now()
  let applied = 0
  const started = last
  const timer = setInterval(() => {
    store.apply(makeDelta(), [])
    draw()
    applied++
  }, 250)
  while (performance.now() - started < 6_000) {
    map.triggerRepaint()
    const t = await nextFrame()
    intervals.push(t - last)
    last = t
  }
  clearInterval(timer)
  return {
    cells: store.length,
    deltaCells: DELTA,
    applyMs: { median: quantile(apply, 0.5), p95: quantile(apply, 0.95) },
    applyAndDrawMs: { median: quantile(applyDraw, 0.5), p95: quantile(applyDraw, 0.95) },
    idleDrawMs: { median: quantile(idle, 0.5), p95: quantile(idle, 0.95) },
    idleFrames: { medianMs: quantile(idleIntervals, 0.5), p95Ms: quantile(idleIntervals, 0.95) },
    frames: {
      count: intervals.length,
      medianMs: quantile(intervals, 0.5),
      p95Ms: quantile(intervals, 0.95),
      over33ms: intervals.filter((d) => d > 33.4).length,
      seconds: 6,
      deltasApplied: applied,
    },
  }
}

run().then(
  (result) => (window.__benchResult = result),
  (error: unknown) => (window.__benchResult = { error: String(error) }),
)
