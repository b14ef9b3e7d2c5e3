/**
 * /console in Debian's Chromium against a real OpsWall (PostgreSQL + PostGIS, the issue-11 REST
 * routes, Socket.IO /live). Seeded only through POST /api/v1/events; the server's clock is stepped
 * a minute between a first page and a later event, so "received later" is unambiguous. A click on
 * the seeded hotspot lists exactly its records and pages through them; a search without diacritics
 * finds the seeded text; replay moves the map and returns to live; the URL restores the view.
 * Screenshot at 1920×1080 in test-results/console-1920x1080.png.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { cellsForPoint } from '../server/core/h3'
import { legendTotal, screenPointOf, settle, waitForTotal, type WallHooks } from './support/wall-page'
import { CHROMIUM, CHROMIUM_ARGS, ensureResultsDir, startWallServer, type WallServer } from './support/wall-server'

const MINUTE = 60_000
/** Inside the demo Quận 1 polygon: the hotspot. */
const HOT = { lat: 10.776, lon: 106.7 }
/** In Quận 6, far from the hotspot at every resolution: what happened 18 h ago. */
const EARLIER = { lat: 10.745, lon: 106.625 }
/** In Tân Bình (demo), apart from the hotspot at every resolution: a canal complaint found by words without diacritics. */
const CANAL = { lat: 10.8, lon: 106.66 }
/** In the demo ward Phường 3 of Quận 1, beside the hotspot's cell at r7–r9. */
const IN_WARD = { lat: 10.7666, lon: 106.6938 }
const HOT_COUNT = 55
const PAGE = '/console?layer=complaints'

interface ConsoleHooks {
  __opswall: {
    view: { place: { kind: string; id: string } | null; q: string | null; replayAt: number | null }
    replay: { at: number; playing: boolean; frame: number; totals: { complaints: number; mentions: number } } | null
    outlines: Array<{ cell: string; kind: string }>
  }
}

describe('duty officer console against a seeded server', () => {
  let server: WallServer
  let browser: Browser
  let page: Page
  let offset = 0
  let sequence = 0
  const serverNow = () => Date.now() + offset
  const results = ensureResultsDir()
  const hotIds: string[] = []
  const canalIds: string[] = []

  const complaint = (at: { lat: number; lon: number }, agoMs: number, text: string, category = 'flooding') => ({
    kind: 'complaint',
    source_id: `e2e-console-${process.pid}-${++sequence}`,
    occurred_at: new Date(serverNow() - agoMs).toISOString(),
    lat: at.lat,
    lon: at.lon,
    text,
    category,
  })

  const view = () => page.evaluate(() => (window as unknown as ConsoleHooks).__opswall.view)
  const replay = () => page.evaluate(() => (window as unknown as ConsoleHooks).__opswall.replay)
  const sourceIds = (p: Page, scope: string) => p.$$eval(`${scope} [data-testid=record]`, (els) => els.map((el) => el.getAttribute('data-source-id')!))
  const times = (p: Page, scope: string) => p.$$eval(`${scope} [data-testid=record] time`, (els) => els.map((el) => Date.parse(el.getAttribute('datetime')!)))

  /** A new page at `url`, once its maps have settled (and, live, once the seeded complaints are on them). */
  const open = async (url: string, live = true): Promise<Page> => {
    const p = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    p.on('pageerror', (e) => console.error('page error:', e.message))
    await p.goto(server.url + url)
    if (live) await waitForTotal(p, 'complaints', 1)
    await settle(p)
    return p
  }

  /** Clicks the hexagon of `at` once the map draws it at the resolution it asked for; the cell clicked. */
  const clickCell = async (p: Page, at: { lat: number; lon: number }): Promise<string> => {
    const { res } = await screenPointOf(p, 0, at)
    const cell = cellsForPoint(at.lat, at.lon)[`r${res as 6 | 7 | 8 | 9}`]
    await p.waitForFunction((c) => (window as unknown as { __opswall: { live: { stores: { complaints: { has(c: string): boolean } } } } }).__opswall.live.stores.complaints.has(c), cell)
    const point = await screenPointOf(p, 0, at)
    await p.mouse.click(point.x, point.y)
    return cell
  }

  beforeAll(async () => {
    server = await startWallServer({ clock: { now: () => new Date(serverNow()) } })
    // The hotspot: 55 complaints in the last 10–37 minutes, one a 30 s apart, each with a phone number the server masks.
    const hot = Array.from({ length: HOT_COUNT }, (_, i) => complaint(HOT, 10 * MINUTE + i * 30_000, `Ngập nước sâu đoạn ${i + 1}, gọi 0903 123 4${String(i).padStart(2, '0')}`))
    const earlier = Array.from({ length: 5 }, (_, i) => complaint(EARLIER, 18 * 60 * MINUTE - i * MINUTE, 'Kẹt xe kéo dài', 'traffic'))
    const canal = Array.from({ length: 3 }, (_, i) => complaint(CANAL, 40 * MINUTE + i * MINUTE, `Kênh Nhiêu Lộc bốc mùi hôi thối, lần ${i + 1}`, 'waste'))
    const answer = await server.post([...hot, ...earlier, ...canal])
    assert.equal(answer.accepted, hot.length + earlier.length + canal.length, JSON.stringify(answer.rejected))
    hotIds.push(...hot.map((e) => e.source_id))
    canalIds.push(...canal.map((e) => e.source_id))
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    page = await open(PAGE)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('CON-UI-1 CON-UI-3: a click on the seeded hotspot lists exactly its records, newest first, then pages through them', async () => {
    await waitForTotal(page, 'complaints', HOT_COUNT + 8)
    const cell = await clickCell(page, HOT)
    await page.waitForSelector(`[data-testid=place-panel][data-kind=cell][data-id="${cell}"] [data-testid=record]`)
    assert.deepEqual((await view()).place, { kind: 'cell', id: cell })
    assert.match(page.url(), new RegExp(`[?&]cell=${cell}`))

    const first = await sourceIds(page, '[data-testid=place-panel]')
    assert.equal(first.length, 50, 'a first page of 50')
    assert.equal(await page.getAttribute('[data-testid=record-count]', 'data-more'), 'true')
    // Newest first: the most recent seeded complaint heads the list.
    assert.deepEqual(first, hotIds.slice(0, 50))
    const t = await times(page, '[data-testid=place-panel]')
    assert.deepEqual(t, [...t].sort((a, b) => b - a))
    // Texts come masked; Vietnamese labels and times in Ho Chi Minh City.
    const panel = (await page.textContent('[data-testid=place-panel]')) ?? ''
    assert.doesNotMatch(panel, /0903\s?123/)
    assert.match(panel, /Ngập nước sâu đoạn 1\b/)
    assert.equal(await page.getAttribute('[data-testid=kpi-counts]', 'data-complaints'), String(HOT_COUNT))
    assert.equal(await page.getAttribute('[data-testid=histogram]', 'data-total'), String(HOT_COUNT))
    // 24 h of 15-minute buckets aligned to the quarter hour: 96, or 97 when now falls inside one.
    assert.ok([96, 97].includes(Number(await page.getAttribute('[data-testid=histogram]', 'data-buckets'))))

    // A complaint received after the first page, at the same place, does not shift the next page.
    offset += MINUTE
    const late = complaint(HOT, 2 * MINUTE, 'Ngập nước lại')
    await server.post([late])
    await page.click('[data-testid=records-more]')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=place-panel] [data-testid=record]').length > 50)
    const all = await sourceIds(page, '[data-testid=place-panel]')
    assert.deepEqual(all, hotIds, 'exactly the hotspot\'s records, each once, newest first')
    assert.equal(await page.getAttribute('[data-testid=record-count]', 'data-more'), 'false')
    assert.equal(await page.$('[data-testid=records-more]'), null)
  })

  it('CON-UI-1: a click beside the hexagons selects the ward there; its panel goes up to the district in one click', async () => {
    const p = await open(PAGE)
    // The map frames the city when the boundaries arrive: zoom in only after that.
    await p.waitForFunction(() => (window as unknown as { __opswall: { units: number } }).__opswall.units > 0)
    await settle(p)
    // Zoomed in on Quận 1: the map asks for r8 hexagons, smaller than the ward.
    await p.evaluate(([lng, lat]) => (window as unknown as { __opswall: { maps: Array<{ jumpTo(o: object): void }> } }).__opswall.maps[0]!.jumpTo({ center: [lng, lat], zoom: 13 }), [IN_WARD.lon, IN_WARD.lat] as const)
    await p.waitForFunction(() => (window as unknown as WallHooks).__opswall.live.res === 8)
    await settle(p)
    const ward = await screenPointOf(p, 0, IN_WARD)
    assert.notEqual(cellsForPoint(IN_WARD.lat, IN_WARD.lon)[`r${ward.res as 6 | 7 | 8 | 9}`], cellsForPoint(HOT.lat, HOT.lon)[`r${ward.res as 6 | 7 | 8 | 9}`], 'the point lies outside the hotspot cell at the map resolution')
    await p.mouse.click(ward.x, ward.y)
    await p.waitForSelector('[data-testid=place-panel][data-kind=unit][data-id="760-03"]')
    assert.match((await p.textContent('[data-testid=place-name]')) ?? '', /Phường 3/)
    // The ward's records: the hotspot lies in it.
    await p.waitForSelector('[data-testid=place-panel] [data-testid=record]')
    await p.click('[data-testid=place-parent]')
    await p.waitForSelector('[data-testid=place-panel][data-kind=unit][data-id="760"]')
    assert.match(p.url(), /[?&]unit=760(&|$)/)
    await p.close()
  })

  it('CON-UI-4: a search without diacritics finds the seeded text, in the list and on the map', async () => {
    await page.click('[data-testid=place-close]')
    await page.fill('[data-testid=search-input]', 'kenh nhieu loc')
    await page.click('[data-testid=search-submit]')
    await page.waitForSelector('[data-testid=search-results] [data-testid=record]')
    const found = await sourceIds(page, '[data-testid=search-results]')
    assert.deepEqual(found, canalIds, 'the three canal complaints, newest first, nothing else')
    assert.match((await page.textContent('[data-testid=search-results]')) ?? '', /Kênh Nhiêu Lộc bốc mùi/)
    const outlines = await page.evaluate(() => (window as unknown as ConsoleHooks).__opswall.outlines)
    assert.deepEqual(outlines, [{ cell: cellsForPoint(CANAL.lat, CANAL.lon).r8, kind: 'found' }])
    assert.match(page.url(), /[?&]q=kenh\+nhieu\+loc/)
  })

  it('CON-UI-5: replay moves the map (and its totals) through the day, says so plainly, and returns to live in one click', async () => {
    const liveTotal = await legendTotal(page, 'complaints')
    const asked: string[] = []
    page.on('request', (r) => {
      const url = new URL(r.url())
      if (url.pathname === '/api/v1/replay' || url.pathname === '/api/v1/search') asked.push(url.pathname)
    })
    await page.click('[data-testid=replay-start]')
    await page.waitForFunction(() => (window as unknown as ConsoleHooks).__opswall.replay !== null)
    assert.match((await page.textContent('[data-testid=replay-banner]')) ?? '', /^ĐANG PHÁT LẠI \d\d:\d\d$/)
    assert.equal(await page.getAttribute('[data-testid=console-page]', 'data-mode'), 'replay')
    // 24 h ago nothing had happened yet.
    const start = (await replay())!
    assert.equal(start.totals.complaints, 0)
    assert.equal(await legendTotal(page, 'complaints'), 0)
    assert.match(page.url(), /[?&]replay=/)
    // Overdue is about now: its layer and legend leave the replayed map (the 18 h old traffic complaints are overdue live).
    assert.equal(await page.$('[data-testid=legend-overdue]'), null)

    // At ×3600 the complaints of 18 h ago come and go on the map within seconds of real time.
    await page.selectOption('[data-testid=replay-speed]', '3600')
    await page.click('[data-testid=replay-play]')
    await page.waitForFunction(() => ((window as unknown as ConsoleHooks).__opswall.replay?.totals.complaints ?? 0) === 5, undefined, { timeout: 30_000 })
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=legend-total-complaints]')?.getAttribute('data-value')) === 5)
    await page.click('[data-testid=replay-pause]')
    const paused = (await replay())!
    assert.equal(paused.playing, false)
    assert.ok(paused.at > start.at)
    // The banner states the replayed time.
    const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false }).format(paused.at)
    assert.equal(await page.textContent('[data-testid=replay-banner]'), `ĐANG PHÁT LẠI ${hhmm}`)
    await page.screenshot({ path: path.join(results, 'console-replay-1920x1080.png') })
    // The frames of the day were asked once; playing neither asks again nor repeats the standing search.
    assert.deepEqual(asked, ['/api/v1/replay'])

    // The slider's end: the hotspot's hour.
    await page.$eval('[data-testid=replay-slider]', (el) => {
      const input = el as HTMLInputElement
      input.value = input.max
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await page.waitForFunction((n) => ((window as unknown as ConsoleHooks).__opswall.replay?.totals.complaints ?? 0) >= n, HOT_COUNT)

    await page.click('[data-testid=replay-live]')
    await page.waitForSelector('[data-testid=replay-banner]', { state: 'detached' })
    assert.equal(await page.getAttribute('[data-testid=console-page]', 'data-mode'), 'live')
    assert.doesNotMatch(page.url(), /[?&]replay=/)
    await waitForTotal(page, 'complaints', liveTotal)
    await page.waitForSelector('[data-testid=legend-overdue]')
  })

  it('CON-UI-2: the URL restores the view (place, filters, search, replay instant) on another page', async () => {
    const cell = cellsForPoint(HOT.lat, HOT.lon).r7
    const at = Math.floor((Date.now() - 3 * 3_600_000) / MINUTE) * MINUTE
    const url = `${PAGE}&cell=${cell}&status=open&window=7d&q=ngap+nuoc&replay=${new Date(at).toISOString()}&speed=1800`
    const p = await open(url, false)
    await p.waitForSelector(`[data-testid=place-panel][data-id="${cell}"] [data-testid=record]`)
    const v = await p.evaluate(() => (window as unknown as ConsoleHooks).__opswall.view)
    assert.deepEqual(v.place, { kind: 'cell', id: cell })
    assert.equal(v.q, 'ngap nuoc')
    assert.equal(v.replayAt, at)
    assert.equal(await p.inputValue('[data-testid=filter-window]'), '7d')
    assert.equal(await p.inputValue('[data-testid=replay-speed]'), '1800')
    assert.equal(await p.inputValue('[data-testid=search-input]'), 'ngap nuoc')
    await p.waitForSelector('[data-testid=replay-banner]')
    await p.waitForFunction(() => (window as unknown as ConsoleHooks).__opswall.replay !== null)
    assert.equal((await p.evaluate(() => (window as unknown as ConsoleHooks).__opswall.replay))!.playing, false, 'a shared replay opens paused')
    // The replayed hour is marked on the histogram.
    assert.notEqual(await p.getAttribute('[data-testid=histogram]', 'data-cursor'), '-1')
    // The filters reach the server: open complaints at that cell over 7 days are the hotspot's 56.
    await p.waitForFunction(() => document.querySelectorAll('[data-testid=place-panel] [data-testid=record]').length === 50)
    const url2 = p.url()
    for (const part of [`cell=${cell}`, 'status=open', 'window=7d', 'q=ngap+nuoc', 'speed=1800', 'replay=']) assert.ok(url2.includes(part), `${part} in ${url2}`)
    // A change is written back at once.
    await p.selectOption('[data-testid=filter-window]', '1h')
    await p.waitForFunction(() => location.search.includes('window=1h'))
    await p.close()
  })

  it('screenshot at 1920×1080: a hotspot selected, its panel, and the search outline', async () => {
    const p = await open(`${PAGE.replace('layer=complaints', 'layer=complaints,mentions')}&q=kenh+nhieu+loc`)
    await clickCell(p, HOT)
    await p.waitForSelector('[data-testid=place-panel] [data-testid=record]')
    await p.waitForSelector('[data-testid=histogram]')
    await settle(p)
    await p.screenshot({ path: path.join(results, 'console-1920x1080.png') })
    const box = await p.$eval('[data-testid=side-panel]', (el) => {
      const r = el.getBoundingClientRect()
      return { right: r.right, bottom: r.bottom }
    })
    assert.ok(box.right <= 1920 && box.bottom <= 1080, 'the panel fits the screen')
    await p.close()
  })

  it('CON-UI-7: a category filter reaches the live map: only that category\'s events are drawn and counted, and a new one arrives live', async () => {
    const p = await open(`${PAGE}&category=waste`, false)
    // The 3 waste complaints by the canal: not the 55 flooding ones of the hotspot, nor the traffic of 18 h ago.
    await waitForTotal(p, 'complaints', 3)
    await settle(p)
    assert.equal(await legendTotal(p, 'complaints'), 3)
    // Live: one more waste complaint is drawn at once; a flooding one beside it is not counted.
    const answer = await server.post([complaint(CANAL, 0, 'Rác chất đống bên kênh', 'waste'), complaint(CANAL, 0, 'Ngập bên kênh')])
    assert.equal(answer.accepted, 2)
    await waitForTotal(p, 'complaints', 4)
    await settle(p)
    assert.equal(await legendTotal(p, 'complaints'), 4)
    // Without the filter every category is drawn again.
    await p.goto(`${server.url}${PAGE}`)
    await waitForTotal(p, 'complaints', 65)
    await p.close()
  })
})
