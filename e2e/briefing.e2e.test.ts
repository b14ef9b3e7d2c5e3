/**
 * The leaders' briefing in Chromium (BRF-7) against a real OpsWall, seeded only through the routes
 * a producer uses (events, status changes): the seeded top issue is listed first, the CSV the page
 * downloads holds the briefing's rows, and the A4 PDF Chromium prints from the page holds them too
 * (its text read back with unpdf), figures the Vietnamese way. The server's clock runs from 14:00
 * of the city's day, so "today" never straddles midnight whenever the test runs.
 * Screenshot at 1920×1080 in test-results/briefing-1920x1080.png.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { extractText, getDocumentProxy } from 'unpdf'
import { DEV_API_KEY } from '../server/config'
import { parseCsv } from '../server/core/csv'
import { demoPlaces } from '../test/support/live-node'
import { CHROMIUM, CHROMIUM_ARGS, ensureResultsDir, startWallServer, type WallServer } from './support/wall-server'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const LOCAL_OFFSET = 7 * HOUR

/** 14:00 in Ho Chi Minh City on the latest day it has already passed. */
function localAfternoon(now: number): number {
  const at = Math.floor((now + LOCAL_OFFSET) / DAY) * DAY - LOCAL_OFFSET + 14 * HOUR
  return at <= now ? at : at - DAY
}

const FLOODING = 'Ngập sâu đường Nguyễn Hữu Cảnh, xe chết máy'
const NOISE = 'Karaoke ồn ào cả đêm, không ngủ được'

interface BriefingAnswer {
  top_issues: Array<{ id: string; category: string; total: number; label: { vi: string; en: string }; place: { code: string } | null }>
  speed: Array<{ unit: string; name: string; median_hours: number | null; received: number }>
  narrative: { vi: string[]; en: string[] }
}

describe('the leaders’ briefing', () => {
  let server: WallServer
  let browser: Browser
  let page: Page
  let answer: BriefingAnswer
  let floodWard: string
  const results = ensureResultsDir()
  const base = localAfternoon(Date.now())
  const started = Date.now()
  const serverNow = () => base + (Date.now() - started)

  beforeAll(async () => {
    server = await startWallServer({ clock: { now: () => new Date(serverNow()) } })
    const places = await demoPlaces(server.db)
    const first = places[0]!
    // A ward of another district, so the districts differ in what they hear.
    const other = places.find((p) => p.units[0] !== first.units[0])!
    floodWard = first.units[1]!
    let sequence = 0
    // One instant for every seeded time, so the resolutions are exactly 1 h and 2 h after receipt.
    const seededAt = serverNow()
    const event = (kind: 'complaint' | 'mention', place: { lat: number; lon: number }, text: string, category: string, hoursAgo: number) => ({
      kind, source_id: `e2e-briefing-${process.pid}-${++sequence}`, occurred_at: new Date(seededAt - hoursAgo * HOUR).toISOString(), lat: place.lat, lon: place.lon, text, category,
    })
    const posted = await server.post([
      ...Array.from({ length: 16 }, (_, i) => event('complaint', first, FLOODING, 'flooding', 3 + i * 0.1)),
      ...Array.from({ length: 12 }, (_, i) => event('mention', other, NOISE, 'noise', 1 + i * 0.1)),
      ...Array.from({ length: 3 }, (_, i) => event('complaint', other, NOISE, 'noise', 4 + i * 0.1)),
    ])
    assert.equal(posted.accepted, 31, JSON.stringify(posted.rejected))
    // Two flooding complaints resolved 1 h and 2 h after receipt: a median of 1,5 hours.
    const { rows } = await server.db.query<{ id: string; source_id: string }>(`SELECT id::text AS id, source_id FROM event WHERE source_id IN ('e2e-briefing-${process.pid}-1', 'e2e-briefing-${process.pid}-2') ORDER BY source_id`)
    for (const [k, row] of rows.entries()) {
      const occurred = seededAt - (3 + k * 0.1) * HOUR
      const response = await fetch(`${server.url}/api/v1/complaints/${row.id}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': DEV_API_KEY },
        body: JSON.stringify({ status: 'resolved', at: new Date(occurred + (k + 1) * HOUR).toISOString() }),
      })
      assert.ok(response.ok, await response.text())
    }
    const response = await fetch(`${server.url}/api/v1/briefing?period=today&scope=city`)
    assert.equal(response.status, 200)
    answer = (await response.json()) as BriefingAnswer
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true })
    page.on('pageerror', (e) => console.error('page error:', e.message))
    await page.goto(`${server.url}/briefing`)
    await page.waitForSelector('[data-testid=briefing-page][data-loaded=true]', { timeout: 30_000 })
    await page.waitForSelector('[data-testid=map-snapshot]', { state: 'attached', timeout: 30_000 })
    await page.waitForTimeout(1_000)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('BRF-7 the seeded top issue is listed first, with the server’s figures in Vietnamese', async () => {
    assert.equal(answer.top_issues[0]!.category, 'flooding')
    assert.equal(answer.top_issues[0]!.total, 16)
    assert.equal(answer.top_issues[0]!.place?.code, floodWard)
    const rows = await page.$$eval('[data-testid=top-issue-row]', (els) => els.map((el) => ({ label: el.querySelector('.label')?.textContent?.trim(), total: el.querySelector('.total')?.textContent?.trim() })))
    assert.deepEqual(rows[0], { label: answer.top_issues[0]!.label.vi, total: '16' })
    assert.match(rows[0]!.label!, /^Ngập nước · Nguyễn Hữu Cảnh · /)
    assert.deepEqual(rows.map((r) => r.label), answer.top_issues.map((t) => t.label.vi))
    const narrative = await page.$$eval('[data-testid=narrative] p', (els) => els.map((el) => el.textContent?.trim()))
    assert.deepEqual(narrative, answer.narrative.vi)
    const median = await page.$eval(`[data-testid=speed-row][data-unit="${answer.speed.find((s) => s.median_hours !== null)!.unit}"] td:nth-child(4)`, (el) => el.textContent?.trim())
    assert.equal(median, '1,5')
    await page.screenshot({ path: path.join(results, 'briefing-1920x1080.png') })
    await page.click('button.lang')
    await page.waitForFunction((label) => document.querySelector('[data-testid=top-issue-row] .label')?.textContent?.trim() === label, answer.top_issues[0]!.label.en, { timeout: 10_000 })
    assert.equal(await page.$eval('[data-testid=narrative] p', (el) => el.textContent?.trim()), answer.narrative.en[0])
    await page.click('button.lang')
  })

  it('BRF-6 the CSV the page downloads holds the briefing’s rows, numbers machine-readable', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')])
    const bytes = await readFile((await download.path())!)
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    const rows = parseCsv(bytes.subarray(3).toString('utf8'))
    const tops = rows.filter((r) => r.section === 'top_issue')
    assert.deepEqual(tops.map((r) => [r.id, r.name, r.total]), answer.top_issues.map((t) => [t.id, t.label.vi, String(t.total)]))
    assert.equal(tops[0]!.category, 'flooding')
    const speed = rows.filter((r) => r.section === 'speed')
    assert.deepEqual(speed.map((r) => [r.id, r.received, r.median_hours]), answer.speed.map((s) => [s.unit, String(s.received), s.median_hours === null ? '' : String(s.median_hours)]))
    assert.deepEqual(speed.filter((r) => r.median_hours !== '').map((r) => r.median_hours), ['1.5'], 'a dot decimal, not 1,5')
    assert.deepEqual(rows.filter((r) => r.section === 'narrative_vi').map((r) => r.text), answer.narrative.vi)
  })

  it('BRF-7 the A4 PDF Chromium prints holds the top issue, the ranking and the narrative, and the map as an image', async () => {
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    await writeFile(path.join(results, 'briefing.pdf'), pdf)
    // What the print stylesheet lays out, as an image beside the PDF (A4 at 96 dpi is 794 px wide).
    await page.emulateMedia({ media: 'print' })
    await page.setViewportSize({ width: 794, height: 1123 })
    await page.screenshot({ path: path.join(results, 'briefing-print.png'), fullPage: true })
    await page.emulateMedia({ media: 'screen' })
    await page.setViewportSize({ width: 1920, height: 1080 })
    const document = await getDocumentProxy(new Uint8Array(pdf))
    const { text } = await extractText(document, { mergePages: true })
    const flat = text.normalize('NFC').replace(/\s+/g, ' ')
    assert.ok(flat.includes(answer.top_issues[0]!.label.vi), `top issue in: ${flat.slice(0, 400)}`)
    for (const sentence of answer.narrative.vi) assert.ok(flat.includes(sentence), `narrative "${sentence}" in the PDF`)
    const active = answer.speed.filter((r) => r.received > 0)
    assert.ok(active.length >= 2)
    for (const row of active) assert.ok(flat.includes(row.name), `${row.name} in the PDF`)
    assert.ok(flat.includes(`${answer.speed.length - active.length} đơn vị khác không nhận phản ánh nào trong kỳ`))
    assert.match(flat, /\b1,5\b/)
    assert.ok(!flat.includes('Tải CSV'), 'the controls are not printed')
    // The map's image: printed only, from the canvas kept with preserveDrawingBuffer.
    const image = await page.$eval('[data-testid=map-snapshot]', (el) => ({ src: (el as HTMLImageElement).src.slice(0, 22), width: (el as HTMLImageElement).naturalWidth }))
    assert.equal(image.src, 'data:image/png;base64,')
    assert.ok(image.width > 100)
    // pdf.js's operator list needs a newer Node here (ArrayBuffer.transferToFixedLength); the PDF's own dictionaries say it as well.
    assert.match(Buffer.from(pdf).toString('latin1'), /\/Subtype\s*\/Image/, 'an image in the PDF')
  })
})
