/**
 * Spike alerts on /wall in Chromium against a real OpsWall (WALL-7, NLP-6): the same hour of the
 * last four weeks and then a storm in one ward arrive through POST /api/v1/events; the server's
 * clock is moved one minute so its next step evaluates the alerts. The strip shows the
 * Vietnamese sentence (English after the switch), above the map and never over it; a wall opened
 * during the storm shows it at once.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { demoPlaces, type Place } from '../test/support/live-node'
import { settle, type WallHooks } from './support/wall-page'
import { CHROMIUM, CHROMIUM_ARGS, ensureResultsDir, startWallServer, type WallServer } from './support/wall-server'

const MINUTE = 60_000
const WEEK = 7 * 24 * 60 * MINUTE
/** 2 a week at this hour makes a baseline of 2 (NLP-6): 12 now is 6 times the usual, above minCount 10. */
const USUAL = 2
const STORM = 12
const WALL = '/wall?layers=complaints&window=1h&rotate=0&playlist=overview'

describe('spike alerts on the wall', () => {
  let server: WallServer
  let browser: Browser
  let page: Page
  let ward: Place
  let offset = 0
  const results = ensureResultsDir()
  let sequence = 0
  const complaint = (at: number) => ({ kind: 'complaint', source_id: `e2e-alert-${process.pid}-${++sequence}`, occurred_at: new Date(at).toISOString(), lat: ward.lat, lon: ward.lon, text: 'Nước ngập tới đầu gối', category: 'flooding' })

  const open = async (): Promise<Page> => {
    const p = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    p.on('pageerror', (e) => console.error('page error:', e.message))
    await p.goto(`${server.url}${WALL}`)
    await settle(p)
    return p
  }

  const boxes = (p: Page) =>
    p.evaluate(() => {
      const box = (el: Element | null | undefined) => {
        const r = el!.getBoundingClientRect()
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
      }
      const map = (window as unknown as WallHooks).__opswall.maps[0]!.getContainer()
      return { banner: box(document.querySelector('[data-testid=alert-banner]')), map: box(map), canvas: box(map.querySelector('canvas')) }
    })

  beforeAll(async () => {
    server = await startWallServer({ clock: { now: () => new Date(Date.now() + offset) } })
    ward = (await demoPlaces(server.db))[0]!
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    page = await open()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('WALL-7 shows nothing while there is no alert', async () => {
    assert.equal(await page.$('[data-testid=alert-banner]'), null)
  })

  it('WALL-7 a storm in a ward shows its Vietnamese sentence above the map, not over it', async () => {
    const now = Date.now()
    const usual = [1, 2, 3, 4].flatMap((week) => Array.from({ length: USUAL }, () => complaint(now - week * WEEK - MINUTE)))
    const storm = Array.from({ length: STORM }, (_, k) => complaint(now - (k % 5) * MINUTE))
    const answer = await server.post([...usual, ...storm])
    assert.equal(answer.accepted, usual.length + storm.length, JSON.stringify(answer.rejected))
    // The monitor evaluates once per minute of the server's clock: the next step is a new minute.
    offset += MINUTE
    const line = await page.waitForSelector('[data-testid=alert-line]', { timeout: 30_000 })
    const text = (await line.textContent()) ?? ''
    assert.match(text, new RegExp(`Phản ánh ngập nước tăng đột biến tại P\\. .+: ${STORM} trong 30 phút, gấp ${STORM / USUAL} lần bình thường`))
    assert.match(text, /từ \d{2}:\d{2}/)
    assert.match((await page.textContent('[data-testid=alert-banner]')) ?? '', /^\s*CẢNH BÁO/)
    const { banner, map, canvas } = await boxes(page)
    assert.ok(canvas.bottom - canvas.top > 400 && canvas.right - canvas.left > 400, `the map is still drawn large: ${JSON.stringify(canvas)}`)
    assert.ok(banner.bottom <= map.top, `the strip ends (${banner.bottom}) above the map (${map.top})`)
    await page.screenshot({ path: path.join(results, 'wall-alert-1920x1080.png') })
  })

  it('WALL-7 says it in English after the language switch', async () => {
    await page.click('button.lang')
    const line = await page.waitForSelector('[data-testid=alert-line]:has-text("Flooding complaints spiking")', { timeout: 10_000 })
    assert.match((await line.textContent()) ?? '', new RegExp(`: ${STORM} in 30 minutes, ${STORM / USUAL} times the usual.*since \\d{2}:\\d{2}`))
    await page.click('button.lang')
  })

  it('WALL-7 a wall opened during the storm shows it at once', async () => {
    const late = await open()
    await late.waitForSelector('[data-testid=alert-line]', { timeout: 10_000 })
    assert.equal(await late.getAttribute('[data-testid=alert-banner]', 'data-count'), '1')
    await late.close()
  })
})
