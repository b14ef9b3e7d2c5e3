/**
 * The spike alerts of this screen's scope, from the `alert` events (NLP-6): each change of an
 * alert restates it whole, so the latest by id replaces what was held. A cleared alert stays on
 * screen for `keepClearedMs` — long enough to read "back to normal" — then leaves. Pure: the
 * instant comes in, nothing here owns a timer.
 */
import type { SpikeAlert } from '../../server/core/spikes'

/** How long a cleared alert is still shown. */
export const KEEP_CLEARED_MS = 5 * 60_000

export class AlertStore {
  /** Active alerts first — largest ratio, then newest — then cleared ones, newest first. */
  alerts: SpikeAlert[] = []
  private readonly byId = new Map<string, SpikeAlert>()

  constructor(private readonly keepClearedMs = KEEP_CLEARED_MS) {}

  /** Takes one `alert` event and answers whether what is shown changed. */
  accept(alert: SpikeAlert, now: number): boolean {
    if (typeof alert?.id !== 'string' || typeof alert.sentence?.vi !== 'string') return false
    const held = this.byId.get(alert.id)
    // Events of one alert may cross on the way (two nodes): an older update never undoes a newer one.
    if (held && Date.parse(held.updatedAt) > Date.parse(alert.updatedAt)) return false
    this.byId.set(alert.id, alert)
    this.prune(now)
    this.order()
    return true
  }

  /** Lets cleared alerts older than the keep time go; answers whether any went. */
  prune(now: number): boolean {
    let removed = false
    for (const [id, alert] of this.byId) {
      if (alert.state === 'cleared' && now - Date.parse(alert.clearedAt ?? alert.updatedAt) >= this.keepClearedMs) {
        this.byId.delete(id)
        removed = true
      }
    }
    if (removed) this.order()
    return removed
  }

  clear(): boolean {
    if (this.byId.size === 0) return false
    this.byId.clear()
    this.alerts = []
    return true
  }

  private order(): void {
    const cleared = (a: SpikeAlert) => (a.state === 'cleared' ? 1 : 0)
    this.alerts = [...this.byId.values()].sort(
      (a, b) => cleared(a) - cleared(b) || (cleared(a) ? 0 : b.ratio - a.ratio) || Date.parse(b.startedAt) - Date.parse(a.startedAt) || a.id.localeCompare(b.id),
    )
  }
}
