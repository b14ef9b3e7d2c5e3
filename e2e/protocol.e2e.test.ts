/**
 * LIVE-10 in the browser: the built wall bundle, which speaks PROTOCOL_VERSION, against a server
 * already rolled out to the next version. The handshake is refused with protocol_mismatch; the page
 * reloads at once; refused again, it does not reload in a loop but says so in Vietnamese and English
 * and reloads after the back-off; once the server speaks its version, the reloaded wall goes live.
 * The page's clock is Playwright's (real time, plus jumps the test makes), so the back-off is
 * stepped rather than slept through.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { translate } from '../client/app/i18n'
import { PROTOCOL_RELOAD_BACKOFF_MS, PROTOCOL_RELOAD_KEY } from '../client/wall/protocol-reload'
import { PROTOCOL_VERSION } from '../server/core/protocol'
import { waitFor } from '../test/support/wait'
import type { WallHooks } from './support/wall-page'
import { CHROMIUM, CHROMIUM_ARGS, ensureResultsDir, startWallServer, type WallServer } from './support/wall-server'

const BANNER = '[data-testid=protocol-update]'

type RefusalHooks = { __opswall: { live: { incompatible: unknown; lastMessageAt: number | null } } }

/** When the page will reload itself, by its own clock, beside the reload its tab remembers. */
async function plannedReload(page: Page): Promise<{ now: number; reloadAt: number; lastReload: number }> {
  return page.$eval(
    BANNER,
    (el, key) => ({ now: Date.now(), reloadAt: Number((el as HTMLElement).dataset.reloadAt), lastReload: Number(sessionStorage.getItem(key)) }),
    PROTOCOL_RELOAD_KEY,
  )
}

/** The page waits, until exactly a back-off after its last reload (however long this document took to load). */
function assertWaitsOutBackoff(plan: { now: number; reloadAt: number; lastReload: number }): number {
  assert.equal(plan.reloadAt, plan.lastReload + PROTOCOL_RELOAD_BACKOFF_MS, JSON.stringify(plan))
  assert.ok(plan.lastReload <= plan.now && plan.now < plan.reloadAt, `reload still ahead: ${JSON.stringify(plan)}`)
  return plan.reloadAt - plan.now
}

describe('a wall bundle older than the server', () => {
  let server: WallServer
  let browser: Browser

  beforeAll(async () => {
    server = await startWallServer({ live: { protocol: PROTOCOL_VERSION + 1 } })
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.dispose()
  })

  it('LIVE-10 is refused, reloads at once, then at most once per back-off while saying so in both languages, and goes live once the server speaks its version', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    page.on('pageerror', (e) => console.error('page error:', e.message))
    await page.clock.install()
    // Every document the tab shows; a reload before `load` fires still commits a navigation.
    let documents = 0
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) documents++
    })

    await page.goto(`${server.url}/wall?rotate=0`, { waitUntil: 'commit' })
    await waitFor(() => documents >= 2, 60_000, 'the page to reload itself after the refusal')
    await page.waitForSelector(BANNER, { timeout: 60_000 })
    assert.equal(documents, 2, 'refused again right after its reload, the page waits instead of reloading')
    const refusal = await page.evaluate(() => (window as unknown as RefusalHooks).__opswall.live.incompatible)
    assert.deepEqual(refusal, { code: 'protocol_mismatch', server: PROTOCOL_VERSION + 1, client: PROTOCOL_VERSION })

    const first = await plannedReload(page)
    const wait = assertWaitsOutBackoff(first)
    const text = await page.$eval(BANNER, (el) => (el as HTMLElement).innerText)
    const vi = text.indexOf(translate('vi', 'update.title'))
    const en = text.indexOf(translate('en', 'update.title'))
    assert.ok(vi === 0 && en > vi, `Vietnamese first, English second: ${JSON.stringify(text)}`)
    const countdown = Number(/(\d+) giây/.exec(text)?.[1])
    assert.ok(countdown > 0 && countdown <= PROTOCOL_RELOAD_BACKOFF_MS / 1000, `the Vietnamese line counts down to the reload: ${JSON.stringify(text)}`)
    await page.screenshot({ path: path.join(ensureResultsDir(), 'wall-protocol-update-1920x1080.png') })

    // The back-off passes: one reload, refused again, and the wait starts over from that reload.
    await page.clock.fastForward(wait)
    await waitFor(() => documents >= 3, 60_000, 'the reload after the back-off')
    await page.waitForSelector(BANNER, { timeout: 60_000 })
    assert.equal(documents, 3)
    const againPlan = await plannedReload(page)
    assert.ok(againPlan.lastReload >= first.reloadAt, `the reload after the back-off is the one remembered: ${JSON.stringify({ first, againPlan })}`)
    const again = assertWaitsOutBackoff(againPlan)

    // The server now speaks the bundle's version (in a real rollout: the bundle caught up).
    await server.stop()
    await server.restart({ protocol: PROTOCOL_VERSION })
    await page.clock.fastForward(again)
    await waitFor(() => documents >= 4, 60_000, 'the reload after the second back-off')
    await page.waitForSelector('[data-testid=wall][data-connected=true]', { timeout: 60_000 })
    await page.waitForFunction(() => (window as unknown as WallHooks & RefusalHooks).__opswall.live.lastMessageAt !== null, undefined, { timeout: 60_000 })
    assert.equal(await page.evaluate(() => (window as unknown as RefusalHooks).__opswall.live.incompatible), null)
    assert.equal(await page.$(BANNER), null, 'a wall that is served says nothing about updating')
    assert.equal(documents, 4)
    await page.close()
  })
})
