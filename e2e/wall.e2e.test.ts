/**
 * /wall in Debian's Chromium against a real OpsWall (PostgreSQL + PostGIS, HTTP, Socket.IO /live):
 * hexes drawn where seeded events are, a new event on screen within 2 s, the stale banner when the
 * server stops and its clearing after a restart, nothing fetched from another origin, and
 * screenshots at 1920×1080 and 3840×2160 in test-results/.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import path from 'node:path'
import { writeFileSync } from 'node:fs'
import { chromium, type Browser, type Page, type Request } from 'playwright-core'
import { decodePng } from './support/png'
import { describePixels, isComplaintHeat, isHeat, isMentionHeat, legendTotal, samples, screenPointOf, settle, waitForTotal, type WallHooks } from './support/wall-page'
import { CHROMIUM, CHROMIUM_ARGS, categoryCodes, ensureResultsDir, startWallServer, type WallServer } from './support/wall-server'

/** Inside the demo Quận 1 polygon; the hottest complaint cell. */
const HOT = { lat: 10.776, lon: 106.7 }
const WARM = { lat: 10.8, lon: 106.66 }
/** In Quận 6, away from the complaint cells at every resolution. */
const MENTIONS = { lat: 10.745, lon: 106.625 }

let sourceId = 0
function event(kind: 'complaint' | 'mention', at: { lat: number; lon: number }, category: string, text: string) {
  return {
    kind,
    source_id: `e2e-${process.pid}-${++sourceId}`,
    occurred_at: new Date(Date.now() - 10 * 60_000).toISOString(),
    lat: at.lat,
    lon: at.lon,
    text,
    category,
  }
}

describe('wall display against a seeded server', () => {
  let server: WallServer
  let browser: Browser
  let page: Page
  const requests: string[] = []
  /** Answers of 400 and above: the wall asks only for what exists (levels included). */
  const failures: string[] = []
  const watch = (p: Page) => {
    p.on('request', (r: Request) => requests.push(r.url()))
    p.on('response', (r) => {
      if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`)
    })
  }
  const results = ensureResultsDir()
  const wallPath = '/wall?layers=complaints,mentions&window=24h&rotate=0'

  beforeAll(async () => {
    server = await startWallServer()
    const [flooding, traffic, waste] = categoryCodes()
    const seed = [
      ...Array.from({ length: 6 }, (_, i) => event('complaint', HOT, flooding!, `Ngập nước đoạn ${i + 1}, gọi 0903 123 45${i} để báo`)),
      ...Array.from({ length: 2 }, () => event('complaint', WARM, traffic!, 'Kẹt xe kéo dài trên đường Hoàng Văn Thụ')),
      ...Array.from({ length: 4 }, () => event('mention', MENTIONS, waste!, 'Rác thải ở chợ, ai liên hệ nguyen.a@example.com giùm')),
    ]
    const answer = await server.post(seed)
    assert.equal(answer.accepted, seed.length, JSON.stringify(answer.rejected))
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    watch(page)
    page.on('pageerror', (e) => console.error('page error:', e.message))
  })

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('draws the seeded cells in their heat colours (pixels on the map), with totals in the legend', async () => {
    await page.goto(server.url + wallPath)
    await waitForTotal(page, 'complaints', 8)
    await waitForTotal(page, 'mentions', 4)
    await settle(page)
    const hot = await screenPointOf(page, 0, HOT)
    const mention = await screenPointOf(page, 1, MENTIONS)
    const empty = await screenPointOf(page, 0, MENTIONS)
    const shot = await page.screenshot({ path: path.join(results, 'wall-1920x1080.png') })
    const image = decodePng(shot)
    assert.deepEqual(await screenPointOf(page, 0, HOT), hot, 'the map held still while the screenshot was taken')

    const hotPixels = samples(image, hot)
    assert.ok(hot.r >= 4, `the hexagon is visible on screen (radius ${hot.r.toFixed(1)} px at r${hot.res})`)
    assert.ok(hotPixels.filter(isComplaintHeat).length >= 4, `complaint heat at the seeded cell (r${hot.res}) ${hot.x.toFixed(0)},${hot.y.toFixed(0)}: ${describePixels(hotPixels)}`)
    const mentionPixels = samples(image, mention)
    assert.ok(mentionPixels.filter(isMentionHeat).length >= 4, `mention heat at the seeded cell ${mention.x.toFixed(0)},${mention.y.toFixed(0)}: ${describePixels(mentionPixels)}`)
    // Control: where nothing was seeded (the mention cell, on the complaints map) there is no heat.
    const emptyPixels = samples(image, empty)
    assert.equal(emptyPixels.filter(isHeat).length, 0, `no heat where nothing was seeded: ${describePixels(emptyPixels)}`)

    assert.equal(await legendTotal(page, 'complaints'), 8)
    assert.match(await page.textContent('[data-testid=legend-complaints]') ?? '', /Tổng: 8/)
    // Vietnamese by default, with the shipped font.
    assert.equal(await page.getAttribute('html', 'lang'), 'vi')
    assert.equal(await page.evaluate(() => document.fonts.check('600 16px "Be Vietnam Pro"', 'Quận Phường')), true)
  })

  it('WALL-3 unit names on the map never overlap one another (city overview, 1920×1080)', async () => {
    for (const index of [0, 1]) {
      const boxes = await page.evaluate((i) => (window as unknown as WallHooks).__opswall.labels[i] ?? [], index)
      assert.ok(boxes.length >= 5, `map ${index} names its districts (${boxes.map((b) => b.text).join(', ')})`)
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top
          assert.ok(apart, `map ${index}: "${a.text}" and "${b.text}" overlap`)
        }
      }
    }
  })

  it('WALL-2 KPI values stand level whatever their labels wrap to (1920×1080, Vietnamese)', async () => {
    const tops = () => page.$$eval('[data-testid^=kpi-today-]', (els) => els.map((el) => Math.round(el.getBoundingClientRect().top)))
    const [first, ...rest] = await tops()
    assert.equal(rest.length, 1, 'one value per layer')
    assert.deepEqual(rest, [first], 'values level with the labels as shipped')
    // The longest label a locale or a category may bring: it wraps, and its neighbour's value follows.
    await page.$eval('.kpi.mentions .label', (el) => (el.textContent = 'Đề cập trên mạng xã hội và báo chí điện tử · Hôm nay'))
    const heights = await page.$$eval('.kpi .label', (els) => els.slice(0, 2).map((el) => el.getBoundingClientRect().height))
    assert.ok(heights[1]! > heights[0]! * 1.5, `the long label wraps (${heights.join(' vs ')} px high)`)
    const [a, b] = await tops()
    assert.equal(a, b, `values still level after a label wrapped (${a} vs ${b} px)`)
    await page.reload()
    await waitForTotal(page, 'complaints', 1)
  })

  it('WALL-4 / PRIV ticker names ward and district, and shows no phone number or e-mail address, even inside the text', async () => {
    const ticker = (await page.textContent('[data-testid=ticker]')) ?? ''
    assert.ok(ticker.length > 0)
    assert.doesNotMatch(ticker, /0903\s?123/)
    assert.doesNotMatch(ticker, /@example\.com/)
    // A ward's name repeats across districts: each line names the district too.
    assert.match(ticker, /Phường [^,]+, Quận 1\b/)
  })

  // How fast it appears is measured by `npm run bench -- live`, not asserted on a loaded test machine.
  it('shows a newly ingested event without a reload', async () => {
    const before = await legendTotal(page, 'complaints')
    await server.post([event('complaint', HOT, categoryCodes()[0]!, 'Ngập sâu 30 cm')])
    await waitForTotal(page, 'complaints', before + 1, 10_000)
    assert.match((await page.textContent(`[data-testid=legend-total-complaints]`)) ?? '', new RegExp(`${before + 1}`))
  })

  it('says INCOMPLETE, never LIVE, while its node may miss events (LIVE-12), apart from stale, and clears after the recount', async () => {
    // What the Redis log's connection does when it drops (proved in test/faults/redis-down.pg.test.ts).
    const continuity = server.app!.live.node.continuity
    continuity.logLost(Date.now())
    const banner = await page.waitForSelector('[data-testid=incomplete-banner]', { timeout: 10_000 })
    assert.equal(await banner.getAttribute('data-reason'), 'log_unavailable')
    assert.match((await banner.textContent()) ?? '', /SỐ LIỆU CÓ THỂ THIẾU từ \d{2}:\d{2}:\d{2}/)
    const label = (await page.textContent('[data-testid=freshness]')) ?? ''
    assert.match(label, /CHƯA ĐỦ SỐ LIỆU/)
    assert.doesNotMatch(label, /TRỰC TIẾP/)
    assert.equal(await page.$('[data-testid=stale-banner]'), null, 'updates still arrive: not stale')
    await page.screenshot({ path: path.join(results, 'wall-incomplete-1920x1080.png') })

    continuity.logRestored()
    await page.waitForSelector('[data-testid=incomplete-banner]', { state: 'detached', timeout: 10_000 })
    assert.match((await page.textContent('[data-testid=freshness]')) ?? '', /TRỰC TIẾP/)
  })

  it('says the data is stale when the server stops, and clears when it is back', async () => {
    await server.stop()
    const banner = await page.waitForSelector('[data-testid=stale-banner]', { timeout: 40_000 })
    const text = (await banner.textContent()) ?? ''
    assert.match(text, /DỮ LIỆU CŨ/)
    assert.match(text, /\d{2}:\d{2}:\d{2}/, 'says since when')
    await page.screenshot({ path: path.join(results, 'wall-stale-1920x1080.png') })

    await server.restart()
    await page.waitForSelector('[data-testid=stale-banner]', { state: 'detached', timeout: 30_000 })
    // Subscribed again, not just connected: a new event still reaches the screen.
    const before = await legendTotal(page, 'complaints')
    await server.post([event('complaint', WARM, categoryCodes()[1]!, 'Sau khi khởi động lại')])
    await waitForTotal(page, 'complaints', before + 1, 10_000)
  })

  it('frames a district scope from the URL', async () => {
    const district = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    watch(district)
    await district.goto(server.url + '/wall?scope=760&layers=complaints&rotate=0')
    await district.waitForFunction(() => document.querySelector('[data-testid=scope-name]')?.textContent === 'Quận 1', undefined, { timeout: 20_000 })
    await settle(district)
    const framed = await district.evaluate(([lng, lat]) => {
      const map = (window as unknown as WallHooks).__opswall.maps[0]!
      return { zoom: map.getZoom(), contains: map.getBounds().contains([lng!, lat!]) }
    }, [HOT.lon, HOT.lat])
    assert.ok(framed.contains, 'the district is in view')
    assert.ok(framed.zoom >= 12, `zoomed to the district (zoom ${framed.zoom.toFixed(1)})`)
    await district.close()
  })

  it('is readable at 3840×2160: type scales with the screen', async () => {
    const big = await browser.newPage({ viewport: { width: 3840, height: 2160 } })
    watch(big)
    await big.goto(server.url + wallPath)
    await waitForTotal(big, 'complaints', 1)
    await settle(big)
    await big.screenshot({ path: path.join(results, 'wall-3840x2160.png') })
    const size = (p: Page) => p.$eval('[data-testid=clock] .time', (el) => parseFloat(getComputedStyle(el).fontSize))
    const [small, large] = [await size(page), await size(big)]
    assert.ok(large >= small * 1.9, `clock ${large}px at 4K vs ${small}px at 1080p`)
    assert.ok(large >= 64, `clock ${large}px is readable from 5 m`)
    await big.close()
  })

  it('sends no request to another origin (no CDN tiles, fonts, glyphs or scripts)', () => {
    const origin = new URL(server.url).origin
    const network = requests.filter((u) => u.startsWith('http:') || u.startsWith('https:') || u.startsWith('ws'))
    const foreign = network.filter((u) => new URL(u).origin !== origin && new URL(u.replace(/^ws/, 'http')).origin !== origin)
    writeFileSync(path.join(results, 'wall-requests.txt'), network.join('\n'))
    assert.deepEqual(foreign, [])
    assert.deepEqual(failures, [], 'no request answered 4xx/5xx')
    assert.ok(network.some((u) => /be-vietnam-pro-vietnamese-\d+-normal.*\.woff2?$/.test(u)), 'the Vietnamese font came from our origin')
    assert.ok(network.some((u) => /maplibre-gl-worker.*\.mjs/.test(u)), 'the map worker came from our origin')
  })
})
