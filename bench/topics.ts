/**
 * Today's top issues of the city (NLP-5) on a busy day: 200,000 events since midnight on
 * PostgreSQL, with the same traffic in the roll-ups of the 7 days before, which growth compares
 * with. Timed through HTTP, as a leader's screen asks; the live node asks the same once a minute
 * per scope. Split into the exact counts (topics-counts.sql) and the texts of the top ten
 * (topics-texts.sql), timed at the database adapter. Embedded PGlite (20,000 events) only when
 * BENCH_DRIVERS names it: it would double the bench's time.
 */
import { loadCategories } from '../server/categories-file'
import { nameTopics, rankIssues, TOPIC_TEXTS, topicWindows } from '../server/core/topics'
import { seedDemoBoundaries } from '../server/db/demo-boundaries'
import { topicCounts, topicTexts, topicUnits } from '../server/db/topic-queries'
import { loadNormaliser } from '../server/nlp/load-normaliser'
import { loadTopicWords } from '../server/nlp/load-topic-words'
import { DRIVERS } from '../test/support/databases'
import { startTestServer } from '../test/support/server'
import { median, percentile, progress } from './stats'
import { seedTopicDay } from './topics-seed'
import type { BenchRow } from './types'

const SIZES = { pg: 200_000, pglite: 20_000 } as const
const RUNS = 10
const WARM_UP = 1
const PART_RUNS = 3

async function timed(runs: number, run: () => unknown, warmUp = WARM_UP): Promise<number[]> {
  const times: number[] = []
  for (let k = 0; k < warmUp + runs; k++) {
    const started = performance.now()
    await run()
    if (k >= warmUp) times.push(performance.now() - started)
  }
  return times
}

export async function runTopicsBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const only = process.env.BENCH_DRIVERS?.split(',') ?? ['pg']
  // Noon in Hồ Chí Minh City today: half a day of traffic, whenever the bench runs.
  const now = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 5 * 3_600_000)
  const windows = topicWindows(now, 'today')
  const normalise = loadNormaliser()
  for (const driver of DRIVERS.filter((d) => only.includes(d.name))) {
    const size = SIZES[driver.name]
    const bench = `topics [${driver.name}]`
    progress(`topics on ${driver.name}: creating database`)
    const test = await driver.create()
    const server = await startTestServer(test.db, { clock: { now: () => now } })
    try {
      await seedDemoBoundaries(test.db)
      progress(`topics on ${driver.name}: seeding ${size.toLocaleString('en')} events today and the roll-ups of the 7 days before`)
      const started = performance.now()
      await seedTopicDay(test.db, { size, now, midnight: new Date(windows.current.fromMs), categories: loadCategories() })
      const rollups = (await test.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rollup_minute')).rows[0]!.n
      rows.push({ bench, metric: 'seeded (set-based SQL)', value: Math.round((performance.now() - started) / 1000), unit: 's', note: `${size.toLocaleString('en')} events today (00:00–12:00), ${rollups.toLocaleString('en')} roll-up rows over 8 days` })

      const url = `${server.url}/api/v1/topics/top?scope=city&period=today&limit=10`
      const times = await timed(RUNS, async () => {
        const res = await fetch(url)
        const body = (await res.json()) as { topics: Array<{ total: number }> }
        if (res.status !== 200 || body.topics.length !== 10) throw new Error(`${url} answered ${res.status} with ${body.topics?.length} topics`)
      })
      progress(`topics on ${driver.name}: city today: median ${median(times).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`)
      const note = `${RUNS} runs over HTTP after ${WARM_UP} warm-up`
      rows.push({ bench, metric: 'topics top-10 city today p50', value: round(median(times)), unit: 'ms', note })
      rows.push({ bench, metric: 'topics top-10 city today p95', value: round(percentile(times, 95)), unit: 'ms', note })

      // The parts, the data already warm from the runs above.
      const counts = () => topicCounts(test.db, windows.current, windows.previous, null)
      const countTimes = await timed(PART_RUNS, counts, 0)
      const counted = await counts()
      const units = await topicUnits(test.db, [...new Set(counted.flatMap((row) => row.units))])
      const issues = rankIssues({ counts: counted, previousSpans: windows.previous.length, units, limit: 10 })
      const keys = issues.map((issue) => issue.keys)
      const textTimes = await timed(PART_RUNS, () => topicTexts(test.db, windows.current, keys, TOPIC_TEXTS), 0)
      const texts = await topicTexts(test.db, windows.current, keys, TOPIC_TEXTS)
      const naming = { units, categories: new Map(loadCategories().map((c) => [c.code, { group: c.group, name: c.name }])), tokens: (text: string) => normalise(text).tokens, words: loadTopicWords() }
      const nodeTimes = await timed(PART_RUNS, () => nameTopics(rankIssues({ counts: counted, previousSpans: windows.previous.length, units, limit: 10 }), texts, naming))
      const part = (metric: string, times: number[], note: string): BenchRow => ({ bench, metric: `of which ${metric} (median)`, value: round(median(times)), unit: 'ms', note: `${note}, ${PART_RUNS} runs` })
      rows.push(part('exact counts', countTimes, `topics-counts.sql, ${counted.length.toLocaleString('en')} rows (category × units × layer)`))
      rows.push(part('texts of the top 10', textTimes, `topics-texts.sql, ${texts.flat().length.toLocaleString('en')} texts (≤ ${TOPIC_TEXTS} newest per issue)`))
      rows.push(part('ranking and naming in Node', nodeTimes, 'rankIssues + nameTopics: the live node\'s event loop'))

      // The leaders' briefing (BRF-*) of the same day: the same topics (one previous span), speed per district and divergence from the roll-ups.
      const briefingUrl = `${server.url}/api/v1/briefing?period=today&scope=city`
      const briefingTimes = await timed(RUNS, async () => {
        const res = await fetch(briefingUrl)
        const body = (await res.json()) as { top_issues?: unknown[] }
        if (res.status !== 200 || body.top_issues?.length !== 10) throw new Error(`${briefingUrl} answered ${res.status} with ${body.top_issues?.length} issues`)
      })
      progress(`topics on ${driver.name}: briefing city today: median ${median(briefingTimes).toFixed(0)} ms`)
      rows.push({ bench, metric: 'briefing city today p50', value: round(median(briefingTimes)), unit: 'ms', note: `GET /api/v1/briefing, ${note}` })
      rows.push({ bench, metric: 'briefing city today p95', value: round(percentile(briefingTimes, 95)), unit: 'ms', note: `GET /api/v1/briefing, ${note}` })
    } finally {
      await server.close()
      await test.drop()
    }
  }
  return rows
}

const round = (n: number) => Math.round(n * 10) / 10
