/**
 * Today's top issues on /wall in Chromium (WALL-8): complaints in two wards arrive through POST
 * /api/v1/events, and the playlist's `top` step lists the issues the server names — the same
 * list, rank for rank, as GET /api/v1/topics/top answers, with counts and growth written here by
 * hand.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { DEV_API_KEY } from '../server/config'
import { demoPlaces } from '../test/support/live-node'
import { settle } from './support/wall-page'
import { CHROMIUM, CHROMIUM_ARGS, ensureResultsDir, startWallServer, type WallServer } from './support/wall-server'

const MINUTE = 60_000

interface TopicsAnswer {
  topics: Array<{ id: string; label: { vi: string; en: string }; counts: { complaints: number; mentions: number }; growth: number | null }>
}

/** vi figures: "1.234", "3,2". */
const viNumber = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
const viGrowth = (g: number | null) => (g === null ? 'MỚI' : `${g >= 1.05 ? '▲' : g <= 0.95 ? '▼' : '='} ×${g.toFixed(1).replace('.', ',')}`)

describe('top issues on the wall', () => {
  let server: WallServer
  let browser: Browser
  let page: Page
  let offset = 0
  const results = ensureResultsDir()

  beforeAll(async () => {
    server = await startWallServer({ clock: { now: () => new Date(Date.now() + offset) } })
    const [first, second] = await demoPlaces(server.db)
    let sequence = 0
    const complaint = (place: { lat: number; lon: number }, text: string) => ({ kind: 'complaint', source_id: `e2e-topics-${process.pid}-${++sequence}`, occurred_at: new Date(Date.now() - MINUTE).toISOString(), lat: place.lat, lon: place.lon, text, category: 'flooding' })
    await server.post([
      ...Array.from({ length: 6 }, () => complaint(first!, 'Ngập sâu đường Nguyễn Hữu Cảnh, xe chết máy')),
      ...Array.from({ length: 3 }, () => complaint(second!, 'Nước ngập trước chợ, không đi được')),
    ])
    // The node recounts issues at most once a minute of its clock.
    offset += MINUTE
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    page.on('pageerror', (e) => console.error('page error:', e.message))
    await page.goto(`${server.url}/wall?layers=complaints,mentions&window=24h&rotate=0&playlist=top`)
    await settle(page)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('WALL-8 the top step lists the server’s issues: rank, label, counts per layer, growth', async () => {
    const response = await fetch(`${server.url}/api/v1/topics/top?scope=city&period=today&limit=10`, { headers: { 'x-api-key': DEV_API_KEY } })
    assert.equal(response.status, 200, await response.clone().text())
    const { topics } = (await response.json()) as TopicsAnswer
    assert.ok(topics.length > 0, 'the seeded complaints make at least one issue')
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=topic-row]').length === n, topics.length, { timeout: 30_000 })
    assert.match((await page.textContent('[data-testid=topics-panel] h2')) ?? '', /^10 vấn đề nổi bật hôm nay$/)
    const rows = await page.$$eval('[data-testid=topic-row]', (els) =>
      els.map((el) => ({ rank: el.querySelector('.rank')?.textContent?.trim(), label: el.querySelector('.label')?.textContent?.trim(), growth: el.querySelector('.growth')?.textContent?.trim(), counts: el.querySelector('.counts')?.textContent?.trim() })),
    )
    assert.deepEqual(
      rows,
      topics.map((t, i) => ({
        rank: String(i + 1),
        label: t.label.vi,
        growth: viGrowth(t.growth),
        counts: [t.counts.complaints > 0 ? `${viNumber(t.counts.complaints)} phản ánh` : '', t.counts.mentions > 0 ? `${viNumber(t.counts.mentions)} đề cập MXH` : ''].join(''),
      })),
    )
    await page.screenshot({ path: path.join(results, 'wall-topics-1920x1080.png') })
    await page.click('button.lang')
    await page.waitForFunction((label) => document.querySelector('[data-testid=topic-row] .label')?.textContent?.trim() === label, topics[0]!.label.en, { timeout: 10_000 })
    assert.match((await page.textContent('[data-testid=topics-panel] h2')) ?? '', /^Top 10 issues today$/)
  })
})
