/**
 * The replay's clock (CON-UI-5): a position inside the last 24 h that moves at ×60 … ×3600 while
 * playing and stops at the end. Pure: real time comes in as elapsed milliseconds, so a test steps
 * it exactly; the page drives it from requestAnimationFrame.
 */
export const REPLAY_SPEEDS = [60, 300, 600, 1800, 3600] as const
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number]
export const DEFAULT_SPEED: ReplaySpeed = 600

export const REPLAY_SPAN_MS = 24 * 3_600_000
/** Frames every 5 minutes: 288 over 24 h, what GET /api/v1/replay answers cheaply. */
export const REPLAY_STEP_MS = 5 * 60_000

export interface ReplayClock {
  from: number
  to: number
  at: number
  speed: ReplaySpeed
  playing: boolean
}

/** The last 24 h ending at the last whole step before `now`, so frames fall on round times. */
export function replayRange(now: number): { from: number; to: number } {
  const to = Math.floor(now / REPLAY_STEP_MS) * REPLAY_STEP_MS
  return { from: to - REPLAY_SPAN_MS, to }
}

const clamp = (at: number, from: number, to: number) => Math.min(to, Math.max(from, at))

/** A paused clock over the 24 h before `now`, at `at` (the start when absent or outside). */
export function startReplay(now: number, speed: ReplaySpeed, at: number | null = null): ReplayClock {
  const { from, to } = replayRange(now)
  return { from, to, at: at === null ? from : clamp(at, from, to), speed, playing: false }
}

/** The clock `elapsedMs` of real time later: playing moves `speed` times faster; the end pauses it. */
export function advance(clock: ReplayClock, elapsedMs: number): ReplayClock {
  if (!clock.playing || elapsedMs <= 0) return clock
  const at = Math.min(clock.to, clock.at + elapsedMs * clock.speed)
  return { ...clock, at, playing: at < clock.to }
}

export function seek(clock: ReplayClock, at: number): ReplayClock {
  return { ...clock, at: clamp(at, clock.from, clock.to) }
}

/** Play from the start again once the end was reached. */
export function play(clock: ReplayClock): ReplayClock {
  return { ...clock, playing: true, at: clock.at >= clock.to ? clock.from : clock.at }
}

export function pause(clock: ReplayClock): ReplayClock {
  return { ...clock, playing: false }
}

/** The index of the frame shown at `at`: the last one at or before it, -1 before the first. `ats` ascending. */
export function frameIndex(ats: readonly number[], at: number): number {
  let lo = 0
  let hi = ats.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (ats[mid]! <= at) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}
