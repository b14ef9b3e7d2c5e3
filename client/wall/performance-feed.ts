/**
 * The panel's figures, asked again every minute. A failed ask keeps the last figures on screen,
 * marked stale with the time they were counted, rather than blanking a wall or passing old
 * figures off as current. Plain TypeScript with fetch and clock passed in, so it runs under test
 * as the page runs it.
 */
import { parsePerformance, performancePath, type PerformanceAnswer } from './performance'

export const PERFORMANCE_REFRESH_MS = 60_000

export interface PerformanceState {
  answer: PerformanceAnswer | null
  /** When the figures on screen were fetched (ms), null before the first success. */
  asOf: number | null
  /** The last ask failed: what is shown (if anything) is from `asOf`. */
  stale: boolean
}

export type Fetch = (path: string, init: { signal: AbortSignal }) => Promise<{ ok: boolean; json(): Promise<unknown> }>

export class PerformanceFeed {
  state: PerformanceState = { answer: null, asOf: null, stale: false }
  private level: string | null = null
  private serial = 0
  private readonly abort = new AbortController()

  constructor(
    private readonly fetch: Fetch,
    private readonly now: () => number,
    private readonly onChange: (state: PerformanceState) => void,
  ) {}

  /** The level to rank; a new level drops the figures of the old one and asks at once. */
  setLevel(level: string | null): Promise<void> {
    if (level === this.level) return Promise.resolve()
    this.level = level
    this.publish({ answer: null, asOf: null, stale: false })
    return this.refresh()
  }

  async refresh(): Promise<void> {
    const level = this.level
    if (level === null) return
    const serial = ++this.serial
    const at = this.now()
    let answer: PerformanceAnswer | null = null
    try {
      const response = await this.fetch(performancePath(level, at), { signal: this.abort.signal })
      answer = response.ok ? parsePerformance(await response.json()) : null
    } catch {
      answer = null
    }
    // An answer overtaken by a later ask, or for a level no longer shown, is dropped.
    if (serial !== this.serial || level !== this.level || this.abort.signal.aborted) return
    this.publish(answer ? { answer, asOf: at, stale: false } : { ...this.state, stale: true })
  }

  close(): void {
    this.abort.abort()
  }

  private publish(state: PerformanceState): void {
    this.state = state
    this.onChange(state)
  }
}
