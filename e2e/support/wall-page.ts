/** Reading /wall in the browser: its test hooks, legend totals, and pixels where a cell is drawn. */
import { cellToBoundary } from 'h3-js'
import type { Page } from 'playwright-core'
import { cellCentre, cellsForPoint, type MapResolution } from '../../server/core/h3'
import { pixel, type Image } from './png'

export interface WallHooks {
  __opswall: {
    live: { res: number; stores: Record<string, { length: number }>; units: Array<{ unit: string; counts: Record<string, number> }> }
    maps: Array<{
      project(lngLat: [number, number]): { x: number; y: number }
      getContainer(): HTMLElement
      getZoom(): number
      getBounds(): { contains(lngLat: [number, number]): boolean }
      loaded(): boolean
    }>
    /** Per map, the unit names drawn and their boxes on screen (px, relative to the map). */
    labels: Array<Array<{ text: string; left: number; top: number; right: number; bottom: number }>>
  }
}

export const legendTotal = (page: Page, layer: string) =>
  page.$eval(`[data-testid=legend-total-${layer}]`, (el) => Number(el.getAttribute('data-value')))

export async function waitForTotal(page: Page, layer: string, atLeast: number, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    ([l, n]) => Number(document.querySelector(`[data-testid=legend-total-${l}]`)?.getAttribute('data-value') ?? -1) >= Number(n),
    [layer, atLeast] as const,
    { timeout },
  )
}

/** Waits until the maps stop moving and deck.gl has drawn a few frames. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as WallHooks).__opswall.maps.every((m) => m?.loaded()), undefined, { timeout: 20_000 })
  await page.waitForTimeout(1_500)
}

/** Screen position, on-screen radius and the direction of a corner of a cell (radians), at the resolution the page subscribed to. */
export async function screenPointOf(page: Page, index: number, at: { lat: number; lon: number }): Promise<{ x: number; y: number; r: number; corner: number; res: number }> {
  const res = (await page.evaluate(() => (window as unknown as WallHooks).__opswall.live.res)) as MapResolution
  // The server's definition: the finest cell's parent (not always the cell containing the point).
  const cell = cellsForPoint(at.lat, at.lon)[`r${res}`]
  const [vLat, vLng] = cellToBoundary(cell)[0]!
  const points = await page.evaluate(
    ([i, c, v]) => {
      const map = (window as unknown as WallHooks).__opswall.maps[i as number]!
      const rect = map.getContainer().getBoundingClientRect()
      const q = map.project(c as [number, number])
      const w = map.project(v as [number, number])
      return { x: rect.left + q.x, y: rect.top + q.y, r: Math.hypot(w.x - q.x, w.y - q.y), corner: Math.atan2(w.y - q.y, w.x - q.x) }
    },
    [index, cellCentre(cell), [vLng, vLat]] as const,
  )
  return { ...points, res }
}

/** Nine pixels inside the hexagon (centre and a ring at half its radius): a unit name drawn over it may cover up to half. */
export function samples(image: Image, p: { x: number; y: number; r: number }): number[][] {
  const out: number[][] = [pixel(image, p.x, p.y)]
  for (let k = 0; k < 8; k++) out.push(pixel(image, p.x + 0.5 * p.r * Math.cos((k * Math.PI) / 4), p.y + 0.5 * p.r * Math.sin((k * Math.PI) / 4)))
  return out
}

/** The complaint ramp runs dark red → orange → pale yellow; the mention ramp blue → cyan → mint; the map is navy. */
export const isComplaintHeat = ([r, g, b]: number[]) => r! >= 110 && r! >= g! && r! > b! + 40
export const isMentionHeat = ([r, g, b]: number[]) => (b! > r! + 40 || g! > r! + 20) && Math.max(g!, b!) >= 120
export const isHeat = (c: number[]) => isComplaintHeat(c) || isMentionHeat(c)

export const describePixels = (px: number[][]) => px.map((c) => `rgb(${c.join(',')})`).join(' ')
