/**
 * One node's live state: the sliding windows and the recent (masked) ticker, fed by log entries in
 * log order, built from the database at start (LIVE-5) and rebuilt whenever the node may have
 * missed entries (LIVE-12).
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Database } from '../db/database'
import { loadRollups, recentEventIds, recentEvents } from '../db/live-queries'
import { maskPersonalData } from '../core/privacy'
import { RecentEvents } from '../core/ticker'
import type { TickerItem } from '../core/protocol'
import { MINUTE_MS, RETAINED_MINUTES, SlidingWindows, scopesOf } from '../core/windows'
import type { LogEntry, LogEvent } from './log-entry'

export const TICKER_SHOWN = 20
/** Events read at start to fill the ticker: enough for the city and its busier districts. */
const TICKER_SEED = 5000
const TICKER_SEED_SPAN_MS = 24 * 3_600_000
/** Newest event ids read at rebuild: batches committing meanwhile are skipped if already counted. */
const RECENT_ID_SPAN = 50_000
/**
 * Roll-up rows added to the windows per turn of the event loop at rebuild: a week of them
 * (160,000 rows) is seconds of CPU, during which /healthz must answer and screens must be able
 * to connect and subscribe (they wait for the first build, LIVE-5, and are served the old windows
 * during a recount, LIVE-12). ~100 ms a slice on this machine.
 */
const REBUILD_SLICE = 5_000

export class Aggregator {
  private current: SlidingWindows
  /** Entries that arrive while the windows are (re)built: applied after it, once (LIVE-5). */
  private arrivedDuringBuild: LogEntry[] | null = null
  private built = false
  private readonly ticker = new RecentEvents(TICKER_SHOWN)
  /** Ticker items per scope since the last takeTicker(). */
  private freshTicker = new Map<string, TickerItem[]>()
  private alreadyCounted = new Set<string>()

  constructor(now: Date) {
    this.current = new SlidingWindows({ now })
  }

  get windows(): SlidingWindows {
    return this.current
  }

  /**
   * Counts the windows anew from the last 7 days of minute roll-ups, read with the ids of the
   * newest events in one database snapshot (REPEATABLE READ), so that a batch committing meanwhile
   * is counted exactly once. Entries arriving during the read are applied after it. Cells that
   * differ from the windows replaced are marked changed: the next flush corrects every screen
   * (LIVE-12). If the read fails, the windows stay as they were, with what arrived applied.
   */
  async rebuild(db: Database, now: Date): Promise<number> {
    this.holdEntries()
    try {
      const { rows, ids, recent } = await this.read(db, now)
      const fresh = new SlidingWindows({ now })
      for (let from = 0; from < rows.length; from += REBUILD_SLICE) {
        fresh.add(rows.slice(from, from + REBUILD_SLICE))
        await nextTurn()
      }
      const previous = this.current
      this.current = fresh
      const firstBuild = !this.built
      this.built = true
      this.alreadyCounted = ids
      this.applyArrived()
      // The first build replaces nothing any screen was shown.
      if (!firstBuild) this.current.markChangedSince(previous)
      for (const row of recent) {
        this.ticker.add({
          id: row.id,
          kind: row.kind,
          occurredAt: new Date(row.occurred_at).toISOString(),
          category: row.category,
          units: row.units,
          cell: row.cell_r9,
          text: maskPersonalData(row.text),
        })
      }
      return rows.length
    } catch (error) {
      this.applyArrived()
      throw error
    }
  }

  /** Entries from now on wait for the rebuild about to start: at start, the log is read before the database (LIVE-5). */
  holdEntries(): void {
    this.arrivedDuringBuild ??= []
  }

  private applyArrived(): void {
    const arrived = this.arrivedDuringBuild ?? []
    this.arrivedDuringBuild = null
    for (const entry of arrived) this.apply(entry)
  }

  private async read(db: Database, now: Date) {
    const since = new Date((Math.floor(now.getTime() / MINUTE_MS) - RETAINED_MINUTES + 1) * MINUTE_MS)
    return db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ')
      return {
        rows: await loadRollups(tx, since),
        ids: await recentEventIds(tx, RECENT_ID_SPAN),
        recent: await recentEvents(tx, new Date(now.getTime() - TICKER_SEED_SPAN_MS), now, TICKER_SEED),
      }
    })
  }

  /** After catching up, nothing from before the rebuild can arrive any more. */
  forgetRebuild(): void {
    this.alreadyCounted = new Set()
  }

  apply(entry: LogEntry): void {
    if (this.arrivedDuringBuild) {
      this.arrivedDuringBuild.push(entry)
      return
    }
    if (entry.type === 'tick') {
      this.current.advanceTo(new Date(entry.at))
      return
    }
    const events = this.alreadyCounted.size ? entry.events.filter((e) => !this.alreadyCounted.has(e.id)) : entry.events
    this.current.add(events)
    for (const event of events) this.addTicker(event)
  }

  private addTicker(event: LogEvent): void {
    const item: TickerItem = {
      id: event.id,
      kind: event.kind,
      occurredAt: new Date(event.occurredAtMs).toISOString(),
      category: event.category,
      units: [...event.units],
      cell: event.cell,
      text: event.text,
    }
    // Events older than every scope's newest are counted in the windows but not worth a ticker line.
    if (!this.ticker.add(item)) return
    for (const scope of scopesOf(event.units)) {
      let items = this.freshTicker.get(scope)
      if (!items) this.freshTicker.set(scope, (items = []))
      items.push(item)
      if (items.length > TICKER_SHOWN) items.shift()
    }
  }

  /** The newest items of a scope, newest first. */
  tickerOf(scope: string): TickerItem[] {
    return this.ticker.of(scope)
  }

  takeTicker(): Map<string, TickerItem[]> {
    const fresh = this.freshTicker
    this.freshTicker = new Map()
    return fresh
  }
}
