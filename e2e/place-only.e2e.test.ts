/**
 * A mention naming "phường Tân Phong quận 7" with no coordinates (NLP-7, WIN-11, WALL-9), against a real OpsWall
 * over the official districts and wards: the wall fills that ward's own polygon (dashed, in the
 * mentions' colour), says so in its legend, draws no hexagon for it, and the fill leaves when the
 * server's clock moves the event out of the 1 h window.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { importBoundaryFile } from '../server/db/boundary-store'
import { decodePng, pixel, type Image } from './support/png'
import { describePixels, settle, type WallHooks } from './support/wall-page'
import { CHROMIUM, CHROMIUM_ARGS, ensureResultsDir, startWallServer, type WallServer } from './support/wall-server'
import { PLACE_ONLY_FILL_LAYER } from '../client/map/offline-style'

const DATA = fileURLToPath(new URL('../../shared/data/boundaries/', import.meta.url))
const DISTRICT = '778' // Quận 7
const WARD = '27490' // Phường Tân Phong
const MINUTE = 60_000

/** What the map hook offers beyond WallHooks: maplibre's own answer to "what did you draw here". */
type Rendered = Array<{ properties: { code: string; layer: string; count: number } }>
type MapHook = { queryRenderedFeatures(options: { layers: string[] }): Rendered; getContainer(): HTMLElement; project(p: [number, number]): { x: number; y: number } }

/** The mention fill over the dark land: blue well above red (navy land is ~ (19, 29, 51)). */
const isMentionTint = ([r, g, b]: number[]) => b! >= 90 && b! > r! + 50 && g! > r! + 25

describe('an event located only by a ward name on the wall', () => {
  let server: WallServer
  let browser: Browser
  let page: Page
  let offset = 0
  const results = ensureResultsDir()
  /** Points spread inside the ward (PostGIS, seeded: the same each run), [lng, lat]. */
  let inside: Array<[number, number]> = []

  const placeOnly = (p: Page) => p.$eval('[data-testid=legend-mentions]', (el) => Number(el.getAttribute('data-place-only')))
  const rendered = (p: Page) =>
    p.evaluate((layer) => ((window as unknown as WallHooks).__opswall.maps[0] as unknown as MapHook).queryRenderedFeatures({ layers: [layer] }).map((f) => ({ ...f.properties })), PLACE_ONLY_FILL_LAYER)
  /** Pixels of the ward's inner points on a fresh screenshot. */
  const wardPixels = async (p: Page, name: string): Promise<number[][]> => {
    const points = await p.evaluate((lngLats) => {
      const map = (window as unknown as WallHooks).__opswall.maps[0] as unknown as MapHook
      const rect = map.getContainer().getBoundingClientRect()
      return lngLats.map((q) => {
        const s = map.project(q)
        return [rect.left + s.x, rect.top + s.y] as const
      })
    }, inside)
    const image: Image = decodePng(await p.screenshot({ path: path.join(results, name) }))
    return points.map(([x, y]) => pixel(image, x, y))
  }

  beforeAll(async () => {
    const read = (file: string) => JSON.parse(readFileSync(path.join(DATA, file), 'utf8'))
    server = await startWallServer({
      clock: { now: () => new Date(Date.now() + offset) },
      seed: async (db) => {
        await importBoundaryFile(db, read('hcmc-districts-22.geojson'), { level: 'district', codeProp: 'district_code', nameProp: 'district_name' })
        await importBoundaryFile(db, read('hcmc-wards-312.geojson'), { level: 'ward', codeProp: 'ward_code', nameProp: 'ward_name', parentProp: 'district_code' })
      },
    })
    const { rows } = await server.db.query<{ lng: number; lat: number }>(
      `SELECT ST_X(p.geom)::float8 AS lng, ST_Y(p.geom)::float8 AS lat
       FROM boundary b, ST_Dump(ST_GeneratePoints(ST_Buffer(b.geom::geography, -150)::geometry, 12, 7)) p
       WHERE b.code = $1`,
      [WARD],
    )
    inside = rows.map((r) => [Number(r.lng), Number(r.lat)])
    assert.equal(inside.length, 12)
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    page.on('pageerror', (e) => console.error('page error:', e.message))
    await page.goto(`${server.url}/wall?scope=${DISTRICT}&layers=mentions&window=1h&rotate=0`)
    await page.waitForFunction(() => document.querySelector('[data-testid=scope-name]')?.textContent === 'Quận 7', undefined, { timeout: 20_000 })
    await page.waitForSelector('[data-testid=wall][data-connected=true]', { timeout: 20_000 })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('NLP-7 WALL-9 a mention naming "phường Tân Phong quận 7" without coordinates fills that ward, is counted in the legend, and adds no hexagon', async () => {
    await settle(page)
    assert.equal(await placeOnly(page), 0)
    assert.deepEqual(await rendered(page), [])
    const before = await wardPixels(page, 'wall-place-only-before-1920x1080.png')
    assert.ok(before.filter(isMentionTint).length <= 2, `the ward is not tinted yet: ${describePixels(before)}`)

    const answer = await server.post([
      {
        kind: 'mention',
        source_id: `e2e-place-only-${process.pid}`,
        occurred_at: new Date(Date.now() + offset - 10 * MINUTE).toISOString(),
        // No unit, no point: ingest reads the ward from the text (NLP-7).
        text: 'Ngập nặng ở phường Tân Phong quận 7, xe chết máy hàng loạt',
      },
    ])
    assert.equal(answer.accepted, 1, JSON.stringify(answer.rejected))
    await page.waitForFunction(() => document.querySelector('[data-testid=legend-mentions]')?.getAttribute('data-place-only') === '1', undefined, { timeout: 20_000 })
    await settle(page)

    const drawn = await rendered(page)
    // A GeoJSON feature comes back once per tile it crosses: the same properties each time.
    assert.deepEqual([...new Set(drawn.map((f) => JSON.stringify(f)))].map((f) => JSON.parse(f)), [{ code: WARD, layer: 'mentions', count: 1, colour: '#38bdf8', fillOpacity: 0.4, lineWidth: 2 }], 'maplibre drew the ward’s fill, and only it')
    const after = await wardPixels(page, 'wall-place-only-1920x1080.png')
    assert.ok(after.filter(isMentionTint).length >= 8, `the ward is tinted in the mentions' colour: ${describePixels(after)}`)
    assert.equal(await page.getAttribute('[data-testid=legend-mentions]', 'data-place-only-units'), '1')
    assert.match((await page.textContent('[data-testid=legend-place-only-mentions]')) ?? '', /Vị trí theo tên phường\/quận \(không tọa độ\): 1\s+ở 1 đơn vị/)
    const hexes = await page.evaluate(() => (window as unknown as WallHooks).__opswall.live.stores.mentions!.length)
    assert.equal(hexes, 0, 'no hexagon: the event has no point')
    assert.equal(await page.getAttribute('[data-testid=legend-total-mentions]', 'data-value'), '0', 'the density legend counts hexagons only')
    await page.click('button.lang')
    assert.match((await page.textContent('[data-testid=legend-place-only-mentions]')) ?? '', /Located by ward\/district name only \(no coordinates\): 1\s+in 1 units/)
    await page.click('button.lang')
  })

  it('WALL-9 is readable at 3840×2160: the outline and the legend line scale with the screen', async () => {
    const big = await browser.newPage({ viewport: { width: 3840, height: 2160 } })
    await big.goto(`${server.url}/wall?scope=${DISTRICT}&layers=mentions&window=1h&rotate=0`)
    await big.waitForFunction(() => document.querySelector('[data-testid=legend-mentions]')?.getAttribute('data-place-only') === '1', undefined, { timeout: 20_000 })
    await settle(big)
    await big.screenshot({ path: path.join(results, 'wall-place-only-3840x2160.png') })
    const widths = new Set((await rendered(big)).map((f) => (f as { lineWidth?: number }).lineWidth))
    assert.deepEqual([...widths], [4], 'the dashed outline is twice as wide at twice the width')
    const size = (p: Page) => p.$eval('[data-testid=legend-place-only-mentions]', (el) => parseFloat(getComputedStyle(el).fontSize))
    const [small, large] = [await size(page), await size(big)]
    assert.ok(large >= small * 1.9 && large >= 28, `legend line ${large}px at 4K vs ${small}px at 1080p`)
    await big.close()
  })

  it('WALL-9 the fill leaves when the server’s clock moves the mention out of the 1 h window', async () => {
    offset += 51 * MINUTE // occurred 10 min before: now 61 min old
    await page.waitForFunction(() => document.querySelector('[data-testid=legend-mentions]')?.getAttribute('data-place-only') === '0', undefined, { timeout: 20_000 })
    await settle(page)
    assert.deepEqual(await rendered(page), [])
    assert.equal(await page.$('[data-testid=legend-place-only-mentions]'), null)
    const gone = await wardPixels(page, 'wall-place-only-expired-1920x1080.png')
    assert.ok(gone.filter(isMentionTint).length <= 2, `the tint is gone: ${describePixels(gone)}`)
  })
})
