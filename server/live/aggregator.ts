/**
 * One node's live state: the sliding windows and the recent (masked) ticker, fed by log entries in
 * log order and rebuilt from the database at start (LIVE-5).
 */
import type { Database } from '../db/database'
import { loadRollups, recentEventIds } from '../db/live-queries'
import type { TickerItem } from '../core/protocol'
import { CITY_SCOPE, MINUTE_MS, RETAINED_MINUTES, SlidingWindows, scopesOf } from '../core/windows'
import type { LogEntry, LogEvent } from './log-entry'

const TICKER_KEPT = 500
export const TICKER_SHOWN = 20
/** Newest event ids read at rebuild: batches committing meanwhile are skipped if already counted. */
const RECENT_ID_SPAN = 50_000

export class Aggregator {
  readonly windows: SlidingWindows
  private ticker: TickerItem[] = []
  /** Ticker items per scope since the last takeTicker(). */
  private freshTicker = new Map<string, TickerItem[]>()
  private alreadyCounted = new Set<string>()

  constructor(now: Date) {
    this.windows = new SlidingWindows({ now })
  }

  /**
   * Loads the last 7 days of minute roll-ups and the ids of the newest events in one database
   * snapshot (REPEATABLE READ), so that a batch committing during the rebuild is counted exactly once.
   */
  async rebuild(db: Database, now: Date): Promise<number> {
    const since = new Date((Math.floor(now.getTime() / MINUTE_MS) - RETAINED_MINUTES + 1) * MINUTE_MS)
    const { rows, ids } = await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ')
      return { rows: await loadRollups(tx, since), ids: await recentEventIds(tx, RECENT_ID_SPAN) }
    })
    this.windows.add(rows)
    this.alreadyCounted = ids
    return rows.length
  }

  /** After catching up, nothing from before the rebuild can arrive any more. */
  forgetRebuild(): void {
    this.alreadyCounted = new Set()
  }

  apply(entry: LogEntry): void {
    if (entry.type === 'tick') {
      this.windows.advanceTo(new Date(entry.at))
      return
    }
    const events = this.alreadyCounted.size ? entry.events.filter((e) => !this.alreadyCounted.has(e.id)) : entry.events
    this.windows.add(events)
    for (const event of events) this.addTicker(event)
  }

  private addTicker(event: LogEvent): void {
    const item: TickerItem = {
      id: event.id,
      kind: event.kind,
      occurredAt: new Date(event.occurredAtMs).toISOString(),
      category: event.category,
      districtCode: event.districtCode,
      wardCode: event.wardCode,
      cell: event.cell,
      text: event.text,
    }
    this.ticker.push(item)
    if (this.ticker.length > TICKER_KEPT * 2) this.ticker = this.ticker.slice(-TICKER_KEPT)
    for (const scope of scopesOf(event.districtCode, event.wardCode)) {
      let items = this.freshTicker.get(scope)
      if (!items) this.freshTicker.set(scope, (items = []))
      items.push(item)
      if (items.length > TICKER_SHOWN) items.shift()
    }
  }

  /** The newest items of a scope, newest first. */
  tickerOf(scope: string): TickerItem[] {
    const out: TickerItem[] = []
    for (let i = this.ticker.length - 1; i >= 0 && out.length < TICKER_SHOWN; i--) {
      const item = this.ticker[i]!
      if (scope === CITY_SCOPE || item.districtCode === scope || item.wardCode === scope) out.push(item)
    }
    return out
  }

  takeTicker(): Map<string, TickerItem[]> {
    const fresh = this.freshTicker
    this.freshTicker = new Map()
    return fresh
  }
}
