/**
 * Spike alerts on the node's clock (NLP-6): once a minute it asks the database for the current and
 * past weeks' counts of every place (one query), lets the pure rule (core/spikes.ts) decide, keeps
 * the alert set and tells each change. No timer inside: the live node's step drives it (LIVE-11).
 */
import { SpikeTracker, spikeWindows, type CategoryNames, type SpikeAlert, type SpikeConfig, type SpikeObservation, type Span } from '../core/spikes'
import { minuteOf } from '../core/windows'

/** Wards: a storm shows in a ward well before it moves a district's figures. */
export const DEFAULT_ALERT_LEVELS: readonly string[] = ['ward']

export interface AlertMonitorOptions {
  config: SpikeConfig
  /** Unit levels alerts are raised for. */
  levels: readonly string[]
}

export interface AlertMonitorDeps {
  counts: (windows: { current: Span; past: Span[] }, levels: readonly string[]) => Promise<SpikeObservation[]>
  categoryNames: CategoryNames
  /** Alerts raised, updated or cleared by one evaluation, each once. */
  changed: (alerts: SpikeAlert[]) => void
  /** A failed query: the alerts held stay, and the next minute asks again. */
  onError: (error: unknown) => void
}

export class AlertMonitor {
  private readonly tracker: SpikeTracker
  private lastMinute = -Infinity
  private running: Promise<void> | null = null

  constructor(
    private readonly options: AlertMonitorOptions,
    private readonly deps: AlertMonitorDeps,
  ) {
    this.tracker = new SpikeTracker(options.config, deps.categoryNames)
  }

  /** Evaluates at most once per minute of `now`, and never while the last evaluation runs. */
  step(now: Date): void {
    const minute = minuteOf(now.getTime())
    if (minute <= this.lastMinute || this.running) return
    this.lastMinute = minute
    this.running = this.evaluate(now).finally(() => (this.running = null))
  }

  /** Settles when the evaluation under way (if any) has; tests wait on it after a step. */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve()
  }

  active(): SpikeAlert[] {
    return this.tracker.active()
  }

  all(): SpikeAlert[] {
    return this.tracker.all()
  }

  private async evaluate(now: Date): Promise<void> {
    let observations: SpikeObservation[]
    try {
      observations = await this.deps.counts(spikeWindows(now, this.options.config), this.options.levels)
    } catch (error) {
      this.deps.onError(error)
      return
    }
    const changed = this.tracker.step(now, observations)
    if (changed.length > 0) this.deps.changed(changed)
  }
}
