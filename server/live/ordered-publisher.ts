/**
 * Publishes this node's committed batches to the shared log in commit order, numbered 1, 2, 3…
 * (MULTI-5). A failed append is retried, with growing waits, before anything after it: a reader
 * never sees batch n+1 before batch n. While the log is away the batches wait here, up to a
 * bound; beyond it the oldest are dropped, and every reader sees the gap in the numbers and
 * recounts from the database, where they are.
 */
import type { BatchEntry } from './log-entry'

export interface OrderedPublisherOptions {
  origin: string
  append: (entry: BatchEntry) => Promise<void>
  /** First wait after a failure; each next one doubles, up to `maxRetryMs`. */
  retryMs: number
  maxRetryMs: number
  /** Batches kept while they cannot be published. */
  maxQueued: number
  /** The first failure of an episode. */
  onFailing: (error: unknown) => void
  /** Every batch waiting after a failure is published. */
  onDrained: () => void
  onDropped: (batches: number) => void
}

export class OrderedPublisher {
  private readonly queue: BatchEntry[] = []
  private numbered = 0
  private draining = false
  private drained: Promise<void> = Promise.resolve()
  private failing = false
  private closed = false
  private wake: (() => void) | null = null

  constructor(private readonly options: OrderedPublisherOptions) {}

  /** Batches not yet in the log, the one being appended included. */
  get pending(): number {
    return this.queue.length
  }

  publish(batch: Omit<BatchEntry, 'type' | 'origin' | 'n'>): void {
    if (this.closed) return
    this.queue.push({ type: 'batch', origin: this.options.origin, n: ++this.numbered, ...batch })
    // The head may be in flight: drop from just behind it.
    const excess = this.queue.length - this.options.maxQueued
    if (excess > 0) {
      this.queue.splice(1, excess)
      this.options.onDropped(excess)
    }
    if (!this.draining) {
      this.draining = true
      this.drained = this.drain()
    }
  }

  /** Stops retrying; what is still queued is not published (it is in the database). */
  async close(): Promise<void> {
    this.closed = true
    this.wake?.()
    await this.drained
  }

  /** The one loop that appends; `draining` is cleared in the same tick the queue is seen empty. */
  private async drain(): Promise<void> {
    let wait = this.options.retryMs
    while (this.queue.length > 0 && !this.closed) {
      try {
        await this.options.append(this.queue[0]!)
        this.queue.shift()
        wait = this.options.retryMs
      } catch (error) {
        if (!this.failing) {
          this.failing = true
          this.options.onFailing(error)
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait)
          this.wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        this.wake = null
        wait = Math.min(wait * 2, this.options.maxRetryMs)
      }
    }
    this.draining = false
    if (this.failing && this.queue.length === 0) {
      this.failing = false
      this.options.onDrained()
    }
  }
}
