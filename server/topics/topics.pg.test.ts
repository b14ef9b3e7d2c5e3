/**
 * Top issues end to end, on PostgreSQL and on PGlite (NLP-5): a week of ordinary traffic, then a
 * simulated rainstorm in two wards — flooding complaints and posts about Nguyễn Hữu Cảnh street —
 * arrives through POST /api/v1/events on a clock fixed at noon in Hồ Chí Minh City. The storm's
 * wards are today's top issues, named by the street and grown against the usual; a scope that
 * holds neither ward does not see them. Then a day busier than any cap: counts are exact, and a
 * point on a shared border counts once.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, describe, test } from 'vitest'
import { DEV_API_KEY } from '../config'
import type { TopicsUpdate } from '../core/protocol'
import type { Topic } from '../core/topics'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { barrier, connectLive, demoPlaces, eventAt, MovableClock, postEvents, startLiveNode, subscribeRaw, type LiveNode, type Place, type RawLiveSocket } from '../../test/support/live-node'
import type { Database } from '../db/database'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

interface TopicsAnswer {
  scope: string
  period: string
  from: string
  to: string
  generated_at: string
  topics: Topic[]
}

/** Noon in Hồ Chí Minh City (05:00 UTC) today: the morning is "today" and has its past. */
const noonToday = () => Math.floor(Date.now() / DAY) * DAY + 5 * 60 * MINUTE

/** A vertex two wards share and no third touches: a point ingest places in both (ING-3). */
async function sharedBorderPoint(db: Database): Promise<{ lat: number; lon: number }> {
  const { rows } = await db.query<{ lat: number; lon: number }>(
    `SELECT ST_Y(vertex.geom)::float8 AS lat, ST_X(vertex.geom)::float8 AS lon
     FROM boundary AS a
     JOIN boundary AS b ON b.level = 'ward' AND a.code < b.code AND a.geom && b.geom
     CROSS JOIN LATERAL ST_DumpPoints(a.geom) AS vertex
     WHERE a.level = 'ward' AND ST_Intersects(vertex.geom, b.geom)
       AND (SELECT count(*) FROM boundary AS w WHERE w.level = 'ward' AND ST_Intersects(w.geom, vertex.geom)) = 2
     ORDER BY a.code, b.code, vertex.path
     LIMIT 1`,
  )
  return { lat: Number(rows[0]!.lat), lon: Number(rows[0]!.lon) }
}

async function askTopics(node: LiveNode, query: string): Promise<TopicsAnswer> {
  const response = await fetch(`${node.url}/api/v1/topics/top?${query}`, { headers: { 'x-api-key': DEV_API_KEY } })
  assert.equal(response.status, 200, await response.clone().text())
  return (await response.json()) as TopicsAnswer
}

const STORM_TEXTS = [
  'Ngập nước đường Nguyễn Hữu Cảnh quá trời, xe chết máy hàng loạt. Gọi anh Nam 0903 123 456',
  'Mưa to, đường Nguyễn Hữu Cảnh lại ngập tới đầu gối',
  'đường Nguyễn Hữu Cảnh ngập sâu, không đi được',
]

for (const driver of DRIVERS) {
  describe(`top topics on ${driver.name}`, () => {
    let database: TestDatabase
    let node: LiveNode
    let storm: [Place, Place]
    let quiet: Place
    const clock = new MovableClock()

    async function topics(query: string, status = 200): Promise<TopicsAnswer & { error?: { field?: string } }> {
      const response = await fetch(`${node.url}/api/v1/topics/top?${query}`, { headers: { 'x-api-key': DEV_API_KEY } })
      assert.equal(response.status, status, await response.clone().text())
      return (await response.json()) as TopicsAnswer
    }

    beforeAll(async () => {
      clock.offsetMs = noonToday() - Date.now()
      database = await driver.create()
      node = await startLiveNode({ db: database.db, clock, live: { autoStep: false } })
      const places = await demoPlaces(database.db)
      const first = places[0]!
      const second = places.find((p) => p.units[0] !== first.units[0])!
      storm = [first, second]
      quiet = places.find((p) => p.units[0] !== first.units[0] && p.units[0] !== second.units[0])!
      const now = clock.now().getTime()
      const past = (days: number, minutesAgo: number) => now - days * DAY - minutesAgo * MINUTE
      // The usual, each of the last 7 days in the morning: one flooding complaint in each storm
      // ward, two traffic complaints in the quiet one.
      const usual = []
      for (let day = 1; day <= 7; day++) {
        for (const place of storm) usual.push(eventAt(place, { text: 'Cống nghẹt, nước đọng trước nhà' }, 60, past(day, 0)))
        for (const minutes of [30, 90]) usual.push(eventAt(quiet, { category: 'traffic', text: 'Kẹt xe ở ngã tư Hàng Xanh giờ cao điểm' }, minutes, past(day, 0)))
      }
      await postEvents(node.url, usual)
      // Today: the ordinary traffic, and the storm — 6 complaints and 5 posts in each ward.
      const today = [0, 1].map((k) => eventAt(quiet, { category: 'traffic', text: 'Kẹt xe ở ngã tư Hàng Xanh giờ cao điểm' }, 40 + k, now))
      for (const place of storm) {
        for (let k = 0; k < 6; k++) today.push(eventAt(place, { text: STORM_TEXTS[k % 3] }, 30 - k, now))
        for (let k = 0; k < 3; k++) today.push(eventAt(place, { kind: 'mention', text: `Nguyễn Hữu Cảnh ngập rồi mọi người ơi, tránh đường Nguyễn Hữu Cảnh nha (${k})` }, 10 - k, now))
        // Posts sent without a category: ingest reads them (NLP-7) and files them with the storm.
        for (let k = 0; k < 2; k++) today.push(eventAt(place, { kind: 'mention', category: undefined, text: 'Trời mưa to quá, đường Nguyễn Hữu Cảnh ngập rồi' }, 5 - k, now))
      }
      await postEvents(node.url, today)
    })

    afterAll(async () => {
      await node?.close()
      await database?.drop()
    })

    test('NLP-5: the rainstorm is the top issue of the city today: its ward, the street in the label, growth above 1', async () => {
      const answer = await topics('scope=city&period=today')
      assert.equal(answer.scope, 'city')
      assert.equal(answer.period, 'today')
      assert.equal(answer.from, new Date(Math.floor((clock.now().getTime() + 7 * 60 * MINUTE) / DAY) * DAY - 7 * 60 * MINUTE).toISOString())
      const [first, second] = answer.topics
      const wards = storm.map((p) => p.units[1]).sort()
      assert.deepEqual([first!.place?.code, second!.place?.code].sort(), wards)
      for (const topic of [first!, second!]) {
        assert.equal(topic.category, 'flooding')
        assert.equal(topic.group, 'flooding')
        assert.equal(topic.place?.level, 'ward')
        assert.equal(topic.phrase, 'Nguyễn Hữu Cảnh')
        assert.match(topic.label.vi, /^Ngập nước · Nguyễn Hữu Cảnh · P\..+$/)
        assert.match(topic.label.en, /^Flooding · Nguyễn Hữu Cảnh · .+$/)
        assert.deepEqual(topic.counts, { complaints: 6, mentions: 5 })
        assert.equal(topic.total, 11)
        assert.equal(topic.previous, 1)
        assert.equal(topic.growth, 11)
        assert.ok(topic.samples.length <= 3 && topic.samples.length > 0)
        for (const sample of topic.samples) assert.doesNotMatch(sample, /0903|123 456/)
        assert.ok(topic.cells.length >= 1 && topic.cells.length <= 20)
      }
      // The posts sent without a category were read as flooding: no issue of their own.
      assert.deepEqual(answer.topics.filter((t) => t.category === 'other'), [])
      // The ordinary traffic is there, as usual.
      const traffic = answer.topics.find((t) => t.category === 'traffic')
      assert.deepEqual(traffic && { total: traffic.total, previous: traffic.previous, growth: traffic.growth, phrase: traffic.phrase }, { total: 2, previous: 2, growth: 1, phrase: 'Hàng Xanh' })
    })

    test('NLP-5: a district sees its own ward\'s storm; a district holding neither does not', async () => {
      const own = await topics(`scope=${storm[0].units[0]}`)
      assert.equal(own.topics[0]?.place?.code, storm[0].units[1])
      assert.ok(!own.topics.some((t) => t.place?.code === storm[1].units[1]))
      const other = await topics(`scope=${quiet.units[0]}&limit=50`)
      assert.deepEqual(other.topics.map((t) => t.category), ['traffic'])
    })

    test('NLP-5: over the week the storm still leads; limit cuts the list', async () => {
      const week = await topics('period=week&limit=2')
      assert.equal(week.topics.length, 2)
      assert.deepEqual(week.topics.map((t) => t.place?.code).sort(), storm.map((p) => p.units[1]).sort())
      assert.equal(week.topics[0]!.total, 17) // 11 today and one on each of the 6 days before within the week
      assert.equal(week.topics[0]!.previous, 1) // the day 7 days ago falls in the week before it
      assert.equal(week.topics[0]!.growth, 17)
    })

    test('NLP-5: a bad scope, period or limit is refused, naming the field', async () => {
      for (const [query, field] of [
        ['scope=nowhere', 'scope'],
        ['period=month', 'period'],
        ['limit=0', 'limit'],
        ['limit=51', 'limit'],
        ['limit=ten', 'limit'],
        ['since=today', 'since'],
      ]) {
        const response = await fetch(`${node.url}/api/v1/topics/top?${query}`, { headers: { 'x-api-key': DEV_API_KEY } })
        assert.equal(response.status, 400, query)
        const body = (await response.json()) as { error: { field?: string } }
        assert.equal(body.error.field, field, query)
      }
    })

    test('NLP-5: live: a screen hears its scope\'s top issues after its snapshot, then only when they change', async () => {
      const screens: RawLiveSocket[] = []
      const listen = async (scope: string) => {
        const screen = connectLive(node.url)
        screens.push(screen)
        const heard: TopicsUpdate[] = []
        screen.on('topics', (update) => heard.push(update))
        await subscribeRaw(screen, { scope, layers: ['complaints'], res: 8, window: '1h' })
        return { screen, heard }
      }
      const step = async () => {
        node.live.step()
        await node.topics.settled()
      }
      try {
        const own = await listen(storm[0].units[0]!)
        const quietScreen = await listen(quiet.units[0]!)
        await step() // new scopes are asked at once
        await Promise.all([barrier(own.screen), barrier(quietScreen.screen)])
        assert.equal(own.heard.length, 1)
        assert.deepEqual({ scope: own.heard[0]!.scope, period: own.heard[0]!.period }, { scope: storm[0].units[0], period: 'today' })
        assert.ok(Date.parse(own.heard[0]!.at) <= clock.now().getTime())
        assert.equal(own.heard[0]!.topics[0]!.place?.code, storm[0].units[1])
        assert.equal(own.heard[0]!.topics[0]!.phrase, 'Nguyễn Hữu Cảnh')
        assert.deepEqual(quietScreen.heard.flatMap((u) => u.topics.map((t) => t.category)), ['traffic'])
        // A later screen of the scope gets the list right after its snapshot.
        const late = await listen(storm[0].units[0]!)
        await barrier(late.screen)
        assert.deepEqual(late.heard, own.heard)
        // A minute with nothing new tells nothing; a minute with one more complaint tells the new list.
        clock.advance(MINUTE)
        await step()
        await barrier(own.screen)
        assert.equal(own.heard.length, 1)
        await postEvents(node.url, [eventAt(storm[0], { text: STORM_TEXTS[0] }, 0, clock.now().getTime())])
        clock.advance(MINUTE)
        await step()
        await Promise.all([barrier(own.screen), barrier(quietScreen.screen)])
        assert.deepEqual(own.heard.map((u) => u.topics[0]!.total), [11, 12])
        assert.equal(quietScreen.heard.length, 1)
      } finally {
        for (const screen of screens) screen.close()
      }
    })
  })
}

/** More events of one issue than the 5,000 the topics once read, in batches the ingest takes. */
const BUSY_ISSUE_EVENTS = 5_100
const BATCH = 1_000

for (const driver of DRIVERS) {
  describe(`top topics of a busy day on ${driver.name}`, () => {
    let database: TestDatabase
    let node: LiveNode
    let busy: Place
    let border: { lat: number; lon: number }
    const clock = new MovableClock()

    beforeAll(async () => {
      clock.offsetMs = noonToday() - Date.now()
      database = await driver.create()
      node = await startLiveNode({ db: database.db, clock, live: { autoStep: false } })
      busy = (await demoPlaces(database.db))[0]!
      border = await sharedBorderPoint(database.db)
      const now = clock.now().getTime()
      const flood = Array.from({ length: BUSY_ISSUE_EVENTS }, (_, k) => eventAt(busy, { text: STORM_TEXTS[k % 3] }, k % 600, now))
      for (let k = 0; k < flood.length; k += BATCH) await postEvents(node.url, flood.slice(k, k + BATCH))
      // On the border: three today, one in the same morning hours of each of the 7 days before.
      const onBorder = (minutesAgo: number, at: number) => eventAt(border, { category: 'traffic', text: 'Kẹt xe ở ngã tư Hàng Xanh' }, minutesAgo, at)
      await postEvents(node.url, [...[10, 20, 30].map((m) => onBorder(m, now)), ...Array.from({ length: 7 }, (_, day) => onBorder(60, now - (day + 1) * DAY))])
    })

    afterAll(async () => {
      await node?.close()
      await database?.drop()
    })

    test('NLP-5: counts are exact from the roll-ups however many events the day holds', async () => {
      const answer = await askTopics(node, 'scope=city&period=today&limit=50')
      const first = answer.topics[0]!
      assert.deepEqual(
        { place: first.place?.code, category: first.category, counts: first.counts, total: first.total, previous: first.previous, growth: first.growth, phrase: first.phrase },
        { place: busy.units[1], category: 'flooding', counts: { complaints: BUSY_ISSUE_EVENTS, mentions: 0 }, total: BUSY_ISSUE_EVENTS, previous: 0, growth: null, phrase: 'Nguyễn Hữu Cảnh' },
      )
      assert.equal(first.samples.length, 3)
      for (const sample of first.samples) assert.doesNotMatch(sample, /0903|123 456/)
      assert.equal(answer.topics.reduce((sum, t) => sum + t.total, 0), BUSY_ISSUE_EVENTS + 3)
      const [busyDistrict] = await askTopics(node, `scope=${busy.units[0]}&limit=1`).then((a) => a.topics)
      assert.equal(busyDistrict?.total, BUSY_ISSUE_EVENTS)
    })

    test('NLP-5: a point on a shared border counts once, under the first ward of its units, today and in the days before, in every scope holding it', async () => {
      const { rows } = await database.db.query<{ units: string[] }>(`SELECT DISTINCT units FROM event WHERE category = 'traffic'`)
      assert.equal(rows.length, 1)
      const wards = (await database.db.query<{ code: string }>(`SELECT code FROM boundary WHERE level = 'ward' AND code = ANY ($1::text[])`, [rows[0]!.units])).rows.map((r) => r.code)
      assert.equal(wards.length, 2, `a border point is in two wards: ${rows[0]!.units.join(', ')}`)
      const placed = rows[0]!.units.find((code) => wards.includes(code))!
      const other = wards.find((code) => code !== placed)!
      for (const scope of ['city', placed, other]) {
        const traffic = (await askTopics(node, `scope=${scope}&limit=50`)).topics.filter((t) => t.category === 'traffic')
        assert.deepEqual(
          traffic.map((t) => ({ place: t.place?.code, total: t.total, previous: t.previous, growth: t.growth, phrase: t.phrase })),
          [{ place: placed, total: 3, previous: 1, growth: 3, phrase: 'Hàng Xanh' }],
          scope,
        )
      }
    })
  })
}
