/**
 * Figures per scope that only the database knows (complaint counts, overdue cells, processing),
 * held by the node and refreshed on its clock (LIVE-11). Each query covers every scope asked for
 * at once, and one refresh runs at a time: a slow database must not pile queries up behind it.
 */
export interface ScopeFiguresDeps<T> {
  /** One round trip for all `scopes`, as they are at `now`. */
  query: (scopes: string[], now: Date) => Promise<Map<string, T>>
  /** A scope's figures arrived (`before` is undefined the first time). */
  updated: (scope: string, before: T | undefined, after: T) => void
  /** A failed query: told once per failure; the figures held stay until the next refresh. */
  onError: (error: unknown) => void
}

export class ScopeFigures<T> {
  private readonly held = new Map<string, { value: T; asOf: number }>()
  private readonly loading = new Map<string, Promise<void>>()
  private refreshing = false

  constructor(private readonly deps: ScopeFiguresDeps<T>) {}

  get(scope: string): T | undefined {
    return this.held.get(scope)?.value
  }

  /** Asks for `scopes` at `now` and forgets any other (nobody watches it). Skipped while the last refresh runs. */
  refresh(scopes: readonly string[], now: Date): void {
    const watched = new Set(scopes)
    for (const scope of this.held.keys()) if (!watched.has(scope)) this.held.delete(scope)
    if (this.refreshing || scopes.length === 0) return
    this.refreshing = true
    void this.run(scopes, now).finally(() => (this.refreshing = false))
  }

  /** A scope not held yet (its first subscriber) is asked for at once, alone; settles when known or failed. */
  load(scope: string, now: Date): Promise<void> {
    if (this.held.has(scope)) return Promise.resolve()
    let pending = this.loading.get(scope)
    if (!pending) {
      pending = this.run([scope], now).finally(() => this.loading.delete(scope))
      this.loading.set(scope, pending)
    }
    return pending
  }

  private async run(scopes: readonly string[], now: Date): Promise<void> {
    let answer: Map<string, T>
    try {
      answer = await this.deps.query([...scopes], now)
    } catch (error) {
      this.deps.onError(error)
      return
    }
    const asOf = now.getTime()
    for (const [scope, value] of answer) {
      const before = this.held.get(scope)
      // A load and a refresh may overlap: the figures of the later instant win, whichever lands last.
      if (before && before.asOf > asOf) continue
      this.held.set(scope, { value, asOf })
      this.deps.updated(scope, before?.value, value)
    }
  }
}
