/**
 * /wall over a city whose only boundaries are the official 312 wards imported as `commune` — no
 * district level, as Ho Chi Minh City has had since July 2025. The wall asks which levels exist,
 * frames a commune scope by its own unit, draws that commune's hexes, ranks units by the server's
 * totals, and no request it makes is answered 4xx.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page, type Response } from 'playwright-core'
import { importBoundaryFile } from '../server/db/boundary-store'
import { decodePng } from './support/png'
import { describePixels, isComplaintHeat, samples, screenPointOf, settle, waitForTotal, type WallHooks } from './support/wall-page'
import { CHROMIUM, CHROMIUM_ARGS, categoryCodes, ensureResultsDir, startWallServer, type WallServer } from './support/wall-server'

const DATA = fileURLToPath(new URL('../../shared/data/boundaries/', import.meta.url))
/** Bến Thành market, in the commune Phường Bến Thành (26743). */
const COMMUNE = '26743'
const HOT = { lat: 10.7725, lon: 106.6981 }
/** Thủ Đức, another commune far away: counted by the city, not by the commune. */
const ELSEWHERE = { lat: 10.8497, lon: 106.7537 }

let sourceId = 0
const complaint = (at: { lat: number; lon: number }, category: string) => ({
  kind: 'complaint',
  source_id: `e2e-levels-${process.pid}-${++sourceId}`,
  occurred_at: new Date(Date.now() - 10 * 60_000).toISOString(),
  lat: at.lat,
  lon: at.lon,
  text: 'Ngập nước trước chợ',
  category,
})

describe('wall over a city with communes only (no district level)', () => {
  let server: WallServer
  let browser: Browser
  const failures: string[] = []
  const requested: string[] = []
  const results = ensureResultsDir()

  const open = async (query: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    page.on('response', (r: Response) => {
      if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`)
    })
    page.on('request', (r) => requested.push(r.url()))
    page.on('pageerror', (e) => console.error('page error:', e.message))
    await page.goto(server.url + query)
    return page
  }

  beforeAll(async () => {
    server = await startWallServer({
      seed: (db) =>
        importBoundaryFile(db, JSON.parse(readFileSync(path.join(DATA, 'hcmc-wards-312.geojson'), 'utf8')), {
          level: 'commune',
          codeProp: 'ward_code',
          nameProp: 'ward_name',
        }),
    })
    const [flooding] = categoryCodes()
    const seed = [...Array.from({ length: 6 }, () => complaint(HOT, flooding!)), ...Array.from({ length: 3 }, () => complaint(ELSEWHERE, flooding!))]
    const answer = await server.post(seed)
    assert.equal(answer.accepted, seed.length, JSON.stringify(answer.rejected))
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('WIN-8 /wall?scope=<commune> frames the commune and draws its hexes in the heat colour', async () => {
    const page = await open(`/wall?scope=${COMMUNE}&layers=complaints&rotate=0`)
    await page.waitForFunction(() => document.querySelector('[data-testid=scope-name]')?.textContent === 'Phường Bến Thành', undefined, { timeout: 20_000 })
    await waitForTotal(page, 'complaints', 6)
    await settle(page)
    const hot = await screenPointOf(page, 0, HOT)
    const framed = await page.evaluate(([lng, lat]) => {
      const map = (window as unknown as WallHooks).__opswall.maps[0]!
      return { zoom: map.getZoom(), contains: map.getBounds().contains([lng!, lat!]) }
    }, [HOT.lon, HOT.lat])
    assert.ok(framed.contains && framed.zoom >= 13, `framed on the commune (zoom ${framed.zoom.toFixed(1)})`)
    const image = decodePng(await page.screenshot({ path: path.join(results, 'wall-commune-1920x1080.png') }))
    const pixels = samples(image, hot)
    assert.ok(hot.r >= 4, `the hexagon is visible (radius ${hot.r.toFixed(1)} px at r${hot.res})`)
    assert.ok(pixels.filter(isComplaintHeat).length >= 4, `complaint heat at ${hot.x.toFixed(0)},${hot.y.toFixed(0)}: ${describePixels(pixels)}`)
    const total = await page.$eval('[data-testid=legend-total-complaints]', (el) => Number(el.getAttribute('data-value')))
    assert.equal(total, 6, 'the commune holds its own events only')
    await page.close()
  })

  it('WIN-10 the city wall gets per-unit totals from the server (PostGIS placed the events), one per commune', async () => {
    const page = await open('/wall?layers=complaints&rotate=0')
    await waitForTotal(page, 'complaints', 9)
    await page.waitForFunction(() => (window as unknown as WallHooks).__opswall.live.units.length >= 2, undefined, { timeout: 20_000 })
    const units = await page.evaluate(() => (window as unknown as WallHooks).__opswall.live.units)
    assert.deepEqual(units.find((u) => u.unit === COMMUNE)?.counts, { complaints: 6 })
    assert.deepEqual(units.map((u) => u.counts.complaints).sort(), [3, 6])
    await page.close()
  })

  it('asks only for levels that exist: no request is answered 4xx', () => {
    const api = requested.filter((u) => u.includes('/api/v1/boundaries'))
    assert.ok(api.some((u) => u.endsWith('/api/v1/boundaries/levels')), 'the levels first')
    assert.ok(api.some((u) => u.includes('level=commune')), 'then the commune level')
    assert.ok(!api.some((u) => /level=(district|ward)\b/.test(u)), `no level that does not exist: ${api.join(' ')}`)
    assert.deepEqual(failures, [])
  })
})
