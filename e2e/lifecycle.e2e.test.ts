/**
 * The complaint lifecycle on /wall in Chromium against a real OpsWall, seeded only through the
 * routes a producer uses (events, status changes, ratings): the KPI's open / overdue / resolved
 * today, the overdue layer drawn where the overdue complaints are and toggled from its legend, and
 * the processing-speed panel ranking districts worst first with figures computed here, by hand.
 * Screenshot of the panel at 1920×1080 in test-results/wall-panel-1920x1080.png.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { DEV_API_KEY } from '../server/config'
import { decodePng, pixel } from './support/png'
import { screenPointOf, settle, waitForTotal } from './support/wall-page'
import { CHROMIUM, CHROMIUM_ARGS, ensureResultsDir, startWallServer, type WallServer } from './support/wall-server'

/** In the demo Quận 1 and Quận 6 polygons (as in wall.e2e.test.ts). */
const Q1 = { lat: 10.776, lon: 106.7 }
const Q6 = { lat: 10.745, lon: 106.625 }
/** `flooding` has a 4 h SLA in data/categories.json. */
const CATEGORY = 'flooding'
const HOUR = 3_600_000

/** Each complaint: where, how many hours before the seed instant it was received, when resolved (hours before), its rating. */
const SEED = [
  { id: 'a1', at: Q1, receivedHoursAgo: 30 }, // overdue for 26 h
  { id: 'a2', at: Q1, receivedHoursAgo: 30 },
  { id: 'a3', at: Q1, receivedHoursAgo: 30 },
  { id: 'a4', at: Q1, receivedHoursAgo: 2, resolved: true, rating: 5 }, // 2 h: on time
  { id: 'b1', at: Q6, receivedHoursAgo: 6, resolved: true, rating: 3 }, // 6 h: late
  { id: 'b2', at: Q6, receivedHoursAgo: 10, resolved: true }, // 10 h: late
  { id: 'b3', at: Q6, receivedHoursAgo: 1 }, // open, 3 h left
]

/** percentile_cont as PostgreSQL defines it (linear interpolation between the closest ranks). */
function percentileCont(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  const rank = p * (sorted.length - 1)
  const lo = Math.floor(rank)
  return sorted[lo]! + (rank - lo) * ((sorted[Math.ceil(rank)] ?? sorted[lo]!) - sorted[lo]!)
}

/** The expected row, from SEED alone. */
function expected(rows: typeof SEED) {
  const hours = rows.filter((r) => r.resolved).map((r) => r.receivedHoursAgo)
  const ratings = rows.flatMap((r) => (r.rating ? [r.rating] : []))
  const open = rows.filter((r) => !r.resolved)
  return {
    overdue: open.filter((r) => r.receivedHoursAgo > 4).length,
    open: open.length,
    median: percentileCont(hours, 0.5),
    p90: percentileCont(hours, 0.9),
    onTime: (100 * hours.filter((h) => h <= 4).length) / hours.length,
    satisfaction: ratings.reduce((a, b) => a + b, 0) / ratings.length,
    ratings: ratings.length,
  }
}

const vi = (n: number, digits: number) => n.toFixed(digits).replace('.', ',')

describe('complaint lifecycle on the wall', () => {
  let server: WallServer
  let browser: Browser
  let page: Page
  let district: { q1: string; q6: string }
  const failures: string[] = []
  const results = ensureResultsDir()

  const post = async (route: string, body: unknown) => {
    const response = await fetch(`${server.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': DEV_API_KEY }, body: JSON.stringify(body) })
    assert.ok(response.ok, `${route} answered ${response.status}: ${await response.text()}`)
  }

  beforeAll(async () => {
    server = await startWallServer()
    const now = Date.now()
    const sourceId = (id: string) => `e2e-life-${process.pid}-${id}`
    const answer = await server.post(
      SEED.map((c) => ({ kind: 'complaint', source_id: sourceId(c.id), occurred_at: new Date(now - c.receivedHoursAgo * HOUR).toISOString(), lat: c.at.lat, lon: c.at.lon, text: 'Ngập sâu trước nhà', category: CATEGORY })),
    )
    assert.equal(answer.accepted, SEED.length, JSON.stringify(answer.rejected))
    // The id each complaint was stored under: no ingest answer says it.
    const { rows } = await server.db.query<{ id: string; source_id: string }>('SELECT id::text AS id, source_id FROM event')
    const ids = new Map(rows.map((r) => [r.source_id, r.id]))
    for (const c of SEED.filter((c) => c.resolved)) {
      const id = ids.get(sourceId(c.id))!
      await post(`/api/v1/complaints/${id}/status`, { status: 'resolved', at: new Date(now).toISOString() })
      if (c.rating) await post(`/api/v1/complaints/${id}/rating`, { score: c.rating })
    }
    const districts = (await (await fetch(`${server.url}/api/v1/boundaries?level=district&zoom=10`)).json()) as { features: Array<{ properties: { code: string; name: string } }> }
    const code = (name: string) => districts.features.find((f) => f.properties.name === name)!.properties.code
    district = { q1: code('Quận 1'), q6: code('Quận 6') }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    page.on('response', (r) => {
      if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`)
    })
    page.on('pageerror', (e) => console.error('page error:', e.message))
    await page.goto(`${server.url}/wall?layers=complaints,mentions&window=7d&rotate=0&playlist=performance`)
    await waitForTotal(page, 'complaints', SEED.length)
    await settle(page)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('WALL-5 / KPI-4 the KPI shows open, overdue and resolved today, values level under labels of any length', async () => {
    const city = expected(SEED)
    const value = (id: string) => page.waitForFunction(([sel, n]) => document.querySelector(`[data-testid=${sel}]`)?.textContent?.trim() === n, [id, String(n(id))] as const, { timeout: 20_000 })
    const n = (id: string) => ({ 'kpi-open': city.open, 'kpi-overdue': city.overdue, 'kpi-resolved-today': SEED.filter((c) => c.resolved).length })[id]!
    for (const id of ['kpi-open', 'kpi-overdue', 'kpi-resolved-today']) await value(id)
    assert.match((await page.textContent('.kpi.overdue .label')) ?? '', /Quá hạn/)
    assert.match((await page.textContent('.kpi.resolved .label')) ?? '', /Đã giải quyết hôm nay/)
    const tops = await page.$$eval('.lifecycle .value', (els) => els.map((el) => Math.round(el.getBoundingClientRect().top)))
    assert.equal(new Set(tops).size, 1, `values level: ${tops.join(', ')}`)
  })

  it('WALL-5 draws the overdue cells where the overdue complaints are, and the legend hides and shows them', async () => {
    await page.waitForFunction(() => document.querySelector('[data-testid=legend-overdue]')?.getAttribute('data-value') === '3', undefined, { timeout: 20_000 })
    assert.match((await page.textContent('[data-testid=legend-overdue]')) ?? '', /Quá hạn xử lý: 3 phản ánh ở 1 ô/)
    const outlinePixels = async () => {
      const cell = await screenPointOf(page, 0, Q1)
      const image = decodePng(await page.screenshot())
      // The outline runs at 0.84 of the hexagon's radius: look along the six directions of its corners.
      const ring = Array.from({ length: 6 }, (_, k) => {
        const angle = cell.corner + (k * Math.PI) / 3
        return pixel(image, cell.x + 0.84 * cell.r * Math.cos(angle), cell.y + 0.84 * cell.r * Math.sin(angle))
      })
      return ring.filter(([r, g, b]) => r! >= 200 && g! <= 90 && b! >= 80).length
    }
    assert.ok((await outlinePixels()) >= 3, 'pink-red outline around the Quận 1 cell')
    await page.click('[data-testid=legend-overdue]')
    await page.waitForFunction(() => document.querySelector('[data-testid=legend-overdue]')?.getAttribute('aria-pressed') === 'false')
    await page.waitForTimeout(500)
    assert.equal(await outlinePixels(), 0, 'hidden from the legend')
    await page.click('[data-testid=legend-overdue]')
    await page.waitForTimeout(500)
    assert.ok((await outlinePixels()) >= 3, 'shown again')
  })

  it('WALL-6 ranks districts worst first with the figures computed here, the city beside them, as of when', async () => {
    await page.waitForSelector('[data-testid=performance-row]', { timeout: 20_000 })
    const rows = await page.$$eval('[data-testid=performance-row]', (els) => els.map((el) => ({ code: el.getAttribute('data-code'), cells: [...el.querySelectorAll('td')].map((td) => td.textContent?.trim()) })))
    const q1 = expected(SEED.filter((c) => c.at === Q1))
    const q6 = expected(SEED.filter((c) => c.at === Q6))
    const city = expected(SEED)
    const cells = (e: ReturnType<typeof expected>) => [String(e.overdue), String(e.open), vi(e.median, 1), vi(e.p90, 1), `${Math.round(e.onTime)}%`, `★ ${vi(e.satisfaction, 1)} (${e.ratings})`]
    assert.deepEqual(rows[0], { code: district.q1, cells: ['1', 'Quận 1', ...cells(q1)] }, 'most overdue first')
    assert.deepEqual(rows[1], { code: district.q6, cells: ['2', 'Quận 6', ...cells(q6)] }, 'then the slowest')
    const cityRow = await page.$$eval('[data-testid=performance-city] td', (tds) => tds.map((td) => td.textContent?.trim()))
    assert.deepEqual(cityRow, ['', 'Toàn thành phố', ...cells(city)])
    assert.match((await page.textContent('[data-testid=performance-as-of]')) ?? '', /^Số liệu lúc \d{2}:\d{2}$/)
    await page.screenshot({ path: path.join(results, 'wall-panel-1920x1080.png') })
  })

  it('WALL-6 says so when the figures cannot be fetched, instead of an empty or made-up table', async () => {
    const offline = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await offline.route('**/api/v1/units/performance**', (route) => route.abort('connectionrefused'))
    await offline.goto(`${server.url}/wall?layers=complaints&window=7d&rotate=0&playlist=performance`)
    const panel = await offline.waitForSelector('[data-testid=performance-panel][data-stale=true]', { timeout: 20_000 })
    assert.match((await panel.textContent()) ?? '', /Chưa tải được số liệu xử lý/)
    assert.equal(await offline.$('[data-testid=performance-row]'), null)
    await offline.close()
  })

  it('asked for nothing that answered an error', () => {
    assert.deepEqual(failures, [])
  })
})
