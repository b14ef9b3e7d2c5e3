/**
 * Spike alerts end to end, on PostgreSQL and on PGlite (NLP-6): past weeks' roll-ups make the
 * baseline, a simulated rainstorm in two wards arrives through POST /api/v1/events on a clock the
 * test steps minute by minute, GET /api/v1/alerts lists one alert per ward — not one per minute —
 * and a screen of one district hears only its own ward's; once the storm has passed they clear.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { DEV_API_KEY } from '../config'
import type { SpikeAlert } from '../core/spikes'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { barrier, connectLive, demoPlaces, eventAt, postEvents, startLiveNode, subscribeRaw, type LiveNode, type Place, type RawLiveSocket } from '../../test/support/live-node'

const MINUTE = 60_000
const WEEK = 7 * 24 * 60 * MINUTE

interface AlertsAnswer {
  scope: string
  state: string
  alerts: SpikeAlert[]
}

for (const driver of DRIVERS) {
  describe(`spike alerts on ${driver.name}`, () => {
    let database: TestDatabase
    let node: LiveNode
    let storm: [Place, Place]
    let quiet: Place
    let screen: RawLiveSocket
    const heard: SpikeAlert[] = []

    const now = () => node.clock.now().getTime()
    /** One minute of the node's clock, then a step, and the alert evaluation it started. */
    async function minutePasses(): Promise<void> {
      node.clock.advance(MINUTE)
      node.live.step()
      await node.alerts.settled()
    }
    async function alerts(query: string): Promise<AlertsAnswer> {
      const response = await fetch(`${node.url}/api/v1/alerts?${query}`, { headers: { 'x-api-key': DEV_API_KEY } })
      assert.equal(response.status, 200, await response.clone().text())
      return (await response.json()) as AlertsAnswer
    }

    beforeAll(async () => {
      database = await driver.create()
      node = await startLiveNode({ db: database.db, live: { autoStep: false } })
      const places = await demoPlaces(database.db)
      const first = places[0]!
      const second = places.find((p) => p.units[0] !== first.units[0])!
      storm = [first, second]
      quiet = places.find((p) => p.units[0] !== first.units[0] && p.units[0] !== second.units[0])!
      // The usual: 2 flooding complaints in each ward at this hour of each of the last 4 weeks.
      for (let week = 1; week <= 4; week++) {
        for (const place of [...storm, quiet]) {
          await database.db.query(`INSERT INTO rollup_minute (minute, kind, cell, category, units, count) VALUES (date_trunc('minute', $1::timestamptz), 'complaint', '', 'flooding', $2, 2)`, [
            new Date(now() - week * WEEK - MINUTE).toISOString(),
            place.units,
          ])
        }
      }
      screen = connectLive(node.url)
      screen.on('alert', (alert) => heard.push(alert))
      await subscribeRaw(screen, { scope: storm[0].units[0], layers: ['complaints'], res: 8, window: '1h' })
    })

    afterAll(async () => {
      screen?.close()
      await node?.close()
      await database?.drop()
    })

    test('NLP-6: a rainstorm in two wards raises one alert per ward, updated while it rains; a quiet ward none', async () => {
      await postEvents(node.url, [0, 1, 2].map(() => eventAt(quiet, {}, 0, now())))
      // Six minutes of rain: 3 complaints a minute in each ward, 18 each.
      for (let minute = 0; minute < 6; minute++) {
        await postEvents(node.url, storm.flatMap((place) => [0, 1, 2].map(() => eventAt(place, {}, 0, now()))))
        await minutePasses()
      }
      const active = await alerts('state=active')
      assert.deepEqual(active.alerts.map((a) => a.place.code).sort(), storm.map((p) => p.units[1]).sort())
      for (const alert of active.alerts) {
        assert.equal(alert.count, 18)
        assert.equal(alert.baseline, 2)
        assert.equal(alert.ratio, 9)
        assert.equal(alert.state, 'updated')
        assert.match(alert.sentence.vi, /^Phản ánh ngập nước tăng đột biến tại P\. .+: 18 trong 30 phút, gấp 9 lần bình thường$/)
        assert.match(alert.sentence.en, /^Flooding complaints spiking in .+: 18 in 30 minutes, 9 times the usual$/)
      }
      // A district's screen and its scope's list hear of their own ward only, once raised then updated.
      await barrier(screen)
      assert.deepEqual([...new Set(heard.map((a) => a.id))], [active.alerts.find((a) => a.place.code === storm[0].units[1])!.id])
      assert.deepEqual(heard.map((a) => a.state), ['raised', 'updated', 'updated'])
      assert.deepEqual((await alerts(`scope=${storm[1].units[0]}`)).alerts.map((a) => a.place.code), [storm[1].units[1]])
    })

    test('NLP-6: once the storm has passed, both alerts clear and are still listed with state=all', async () => {
      for (let minute = 0; minute < 50; minute++) await minutePasses()
      assert.deepEqual((await alerts('state=active')).alerts, [])
      const all = await alerts('state=all')
      assert.deepEqual(all.alerts.map((a) => [a.place.code, a.state, a.peak]).sort(), storm.map((p) => [p.units[1], 'cleared', 18]).sort())
      await barrier(screen)
      assert.equal(heard.at(-1)?.state, 'cleared')
      assert.equal(new Set(heard.map((a) => a.id)).size, 1)
    })

    test('NLP-6: a scope that is not a unit is refused', async () => {
      const response = await fetch(`${node.url}/api/v1/alerts?scope=nowhere`, { headers: { 'x-api-key': DEV_API_KEY } })
      assert.equal(response.status, 400)
    })
  })
}
