/**
 * Today's top issues of the scopes this node serves (NLP-5), on the node's clock: each active
 * scope is asked again at most once a minute (a scope's first screen does not wait for the minute),
 * never while the last asking runs, and a list that changed is told. No timer inside: the live
 * node's step drives it (LIVE-11).
 */
import type { TopicsUpdate } from '../core/protocol'
import type { Topic } from '../core/topics'

export const TOPICS_REFRESH_MS = 60_000

export interface TopicsMonitorDeps {
  top: (scope: string, now: Date) => Promise<Topic[]>
  /** A scope's list, when it differs from the last one told. */
  changed: (update: TopicsUpdate) => void
  /** A failed query: the list held stays, and the scope is asked again after a minute. */
  onError: (error: unknown) => void
}

export class TopicsMonitor {
  private readonly held = new Map<string, { update: TopicsUpdate; text: string }>()
  private readonly askedAt = new Map<string, number>()
  private running: Promise<void> | null = null

  constructor(private readonly deps: TopicsMonitorDeps) {}

  /** Asks for the active scopes that are due; scopes no longer active are forgotten. */
  step(now: Date, scopes: readonly string[]): void {
    const active = new Set(scopes)
    for (const scope of [...this.askedAt.keys()]) {
      if (active.has(scope)) continue
      this.askedAt.delete(scope)
      this.held.delete(scope)
    }
    if (this.running) return
    const nowMs = now.getTime()
    const due = scopes.filter((scope) => nowMs - (this.askedAt.get(scope) ?? -Infinity) >= TOPICS_REFRESH_MS)
    if (due.length === 0) return
    for (const scope of due) this.askedAt.set(scope, nowMs)
    this.running = this.refresh(due, now).finally(() => (this.running = null))
  }

  /** The list last told for `scope`: what a new subscriber gets after its snapshot. */
  latest(scope: string): TopicsUpdate | undefined {
    return this.held.get(scope)?.update
  }

  /** Settles when the asking under way (if any) has; tests wait on it after a step. */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve()
  }

  private async refresh(scopes: readonly string[], now: Date): Promise<void> {
    for (const scope of scopes) {
      let topics: Topic[]
      try {
        topics = await this.deps.top(scope, now)
      } catch (error) {
        this.deps.onError(error)
        continue
      }
      const text = JSON.stringify(topics)
      if (this.held.get(scope)?.text === text) continue
      const update: TopicsUpdate = { scope, period: 'today', at: now.toISOString(), topics }
      this.held.set(scope, { update, text })
      this.deps.changed(update)
    }
  }
}
