/**
 * The subscription bookkeeping of the /live protocol, without a socket: which subscription is
 * current, which seq was applied last, and what to do with a delta. Pure and unit-tested; the
 * socket wrapper (live-client.svelte.ts) only forwards events here.
 */
import type { Delta, Resumed, Snapshot } from '../../server/core/protocol'

export type DeltaVerdict =
  /** Apply it now. */
  | 'apply'
  /** Old, duplicate or for another subscription: drop. */
  | 'ignore'
  /** A snapshot is on its way; the delta is kept and replayed after it. */
  | 'buffered'
  /** A seq is missing: the screen would drift, so ask for a fresh snapshot. */
  | 'gap'

const MAX_BUFFERED = 64

export class LiveSession {
  subscription: string | null = null
  seq = -1
  private pending = false
  private buffer: Delta[] = []

  /** A subscribe request went out; deltas that arrive before its snapshot are kept. */
  beginSubscribe(): void {
    this.pending = true
    this.buffer = []
  }

  get awaitingSnapshot(): boolean {
    return this.pending
  }

  /** Accepts a snapshot; returns the buffered deltas that follow it, in order. */
  acceptSnapshot(snapshot: Pick<Snapshot, 'subscription' | 'seq'>): Delta[] {
    this.subscription = snapshot.subscription
    this.seq = snapshot.seq
    this.pending = false
    return this.drain()
  }

  /**
   * Accepts a resume answer (the deltas missed while disconnected, merged) when it continues
   * exactly where this screen stopped; null means it does not fit and a fresh snapshot is needed.
   */
  acceptResumed(resumed: Pick<Resumed, 'subscription' | 'fromSeq' | 'seq'>): Delta[] | null {
    if (resumed.subscription !== this.subscription || resumed.fromSeq !== this.seq) {
      this.reset()
      return null
    }
    this.seq = resumed.seq
    this.pending = false
    return this.drain()
  }

  private drain(): Delta[] {
    const follow = this.buffer
      .filter((d) => d.subscription === this.subscription && d.seq > this.seq)
      .sort((a, b) => a.seq - b.seq)
    this.buffer = []
    const out: Delta[] = []
    for (const d of follow) {
      if (d.seq !== this.seq + 1) break
      this.seq = d.seq
      out.push(d)
    }
    return out
  }

  judgeDelta(delta: Delta): DeltaVerdict {
    if (this.pending) {
      if (this.buffer.length < MAX_BUFFERED) this.buffer.push(delta)
      return 'buffered'
    }
    if (delta.subscription !== this.subscription) return 'ignore'
    if (delta.seq <= this.seq) return 'ignore'
    if (delta.seq !== this.seq + 1) return 'gap'
    this.seq = delta.seq
    return 'apply'
  }

  /** What to send as `resumeFrom` after a reconnect. */
  resumePoint(): { subscription: string; seq: number } | undefined {
    return this.subscription === null ? undefined : { subscription: this.subscription, seq: this.seq }
  }

  reset(): void {
    this.subscription = null
    this.seq = -1
    this.pending = false
    this.buffer = []
  }
}
