/**
 * Replay (CON-9): frames of cell counts over a past range, each the wall's sliding window as it
 * stood at the frame's instant (WIN-2: the minutes in (t − window, t]), from the minute roll-ups
 * only. Pure: the clock comes in; the database sums roll-ups per minute and r9 cell.
 */
import { cellToParent } from 'h3-js'
import { z } from 'zod'
import { kindsOf, wordList } from './console-query'
import { badRequest } from './errors'
import { instant, type EventKind } from './event'
import { MAP_RESOLUTIONS, type MapResolution } from './h3'
import { minutesParameter } from './histogram'
import { LAYERS, type Layer } from './protocol'
import { optional, parseQuery, single, unknownParameter } from './query-parameters'
import { quote } from './rejection'
import { CITY_SCOPE, layerOfKind, minuteOf, MINUTE_MS, WINDOW_MINUTES } from './windows'

export const MAX_FRAMES = 2_000
export const REPLAY_WINDOWS = ['1h', '24h'] as const
export type ReplayWindow = (typeof REPLAY_WINDOWS)[number]
const DEFAULT_RES: MapResolution = 8
const DAY_MS = 86_400_000

export interface ReplayQuery {
  scope: string
  res: MapResolution
  from: Date
  to: Date
  stepMinutes: number
  window: ReplayWindow
  kinds: EventKind[]
}

const REPLAY_PARAMETERS = ['scope', 'res', 'from', 'to', 'step', 'window', 'layer']
const RES_ERROR = `must be a map resolution, ${MAP_RESOLUTIONS.join(', ')}`
const STEP_ERROR = 'must be minutes or hours such as 5m or 1h, from 1m to 24h'

/** `GET /api/v1/replay` (CON-9): the last 24 h at 5-minute steps of a 1 h window by default. */
export function parseReplayQuery(raw: Record<string, unknown>, context: { now: Date }): ReplayQuery {
  const schema = z.strictObject(
    {
      scope: optional(single('city or a unit code').max(64, { error: 'is longer than 64 characters; a unit code is shorter' })),
      res: optional(
        single(RES_ERROR).transform((value, ctx) => {
          const res = Number(value)
          if (!/^\d$/.test(value) || !(MAP_RESOLUTIONS as readonly number[]).includes(res)) {
            ctx.addIssue({ code: 'custom', message: `res out of range: ${quote(value)} ${RES_ERROR.replace('must be', 'is not')}` })
            return z.NEVER
          }
          return res as MapResolution
        }),
      ),
      from: optional(instant),
      to: optional(instant),
      step: minutesParameter(STEP_ERROR, 'step'),
      window: optional(z.enum(REPLAY_WINDOWS, { error: (issue) => `${quote(issue.input)} is not a replay window; give ${REPLAY_WINDOWS.join(' or ')}` })),
      layer: wordList('layer', LAYERS),
    },
    unknownParameter(REPLAY_PARAMETERS),
  )
  const query = parseQuery(schema, raw, REPLAY_PARAMETERS)
  const to = query.to ?? context.now
  const from = query.from ?? new Date(to.getTime() - DAY_MS)
  if (from.getTime() > to.getTime()) throw badRequest('from', `${from.toISOString()} is after to (${to.toISOString()})`)
  const stepMinutes = query.step ?? 5
  const frames = frameCount(from, to, stepMinutes)
  if (frames > MAX_FRAMES) throw badRequest('step', `makes ${frames} frames from ${from.toISOString()} to ${to.toISOString()}; at most ${MAX_FRAMES} — give a larger step or a shorter range`)
  return { scope: query.scope ?? CITY_SCOPE, res: query.res ?? DEFAULT_RES, from, to, stepMinutes, window: query.window ?? '1h', kinds: kindsOf(query.layer as Layer[] | undefined) }
}

const frameCount = (from: Date, to: Date, stepMinutes: number) => Math.floor((to.getTime() - from.getTime()) / (stepMinutes * MINUTE_MS)) + 1

/** The roll-up minutes the frames need: from the first frame's window start through the last frame. */
export function replayMinutes(query: ReplayQuery): { first: Date; last: Date } {
  const lastFrame = query.from.getTime() + (frameCount(query.from, query.to, query.stepMinutes) - 1) * query.stepMinutes * MINUTE_MS
  return {
    first: new Date((minuteOf(query.from.getTime()) - WINDOW_MINUTES[query.window] + 1) * MINUTE_MS),
    last: new Date(minuteOf(lastFrame) * MINUTE_MS),
  }
}

/** A roll-up sum of one minute, kind and r9 cell. */
export interface ReplayRow {
  minute_ms: number
  kind: EventKind
  cell: string
  count: number
}

export interface FrameCell {
  cell: string
  layer: Layer
  count: number
}

export interface Replay {
  scope: string
  res: MapResolution
  from: string
  to: string
  step_minutes: number
  window: ReplayWindow
  frames: Array<{ at: string; cells: FrameCell[] }>
}

/**
 * Slides the window over the minutes once: each frame adds the minutes that entered since the
 * last one and takes away those that left, as the live windows do (WIN-3). Every (layer, cell)
 * gets a slot in answer order once, so a frame is read off the slots without sorting.
 */
export function replayFrames(query: ReplayQuery, rows: readonly ReplayRow[]): Replay {
  const windowMinutes = WINDOW_MINUTES[query.window]
  const parents = new Map<string, string>()
  const parentOf = (cell: string) => {
    let parent = parents.get(cell)
    if (parent === undefined) parents.set(cell, (parent = cellToParent(cell, query.res)))
    return parent
  }
  const keyed = rows.map((row) => ({ minute: minuteOf(Number(row.minute_ms)), layer: layerOfKind(row.kind), cell: parentOf(row.cell), count: Number(row.count) }))
  const slots = [...new Map(keyed.map((row) => [`${row.layer}|${row.cell}`, { layer: row.layer, cell: row.cell }])).values()].sort((a, b) =>
    a.layer < b.layer ? -1 : a.layer > b.layer ? 1 : a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0,
  )
  const slotOf = new Map(slots.map((slot, i) => [`${slot.layer}|${slot.cell}`, i]))
  const byMinute = new Map<number, Array<{ slot: number; count: number }>>()
  for (const row of keyed) {
    let entries = byMinute.get(row.minute)
    if (!entries) byMinute.set(row.minute, (entries = []))
    entries.push({ slot: slotOf.get(`${row.layer}|${row.cell}`)!, count: row.count })
  }
  const minutes = [...byMinute.keys()].sort((a, b) => a - b)
  const counts = new Float64Array(slots.length)
  const apply = (minute: number, sign: 1 | -1) => {
    for (const { slot, count } of byMinute.get(minute)!) counts[slot]! += sign * count
  }
  let entered = 0
  let left = 0
  const frames: Replay['frames'] = []
  const total = frameCount(query.from, query.to, query.stepMinutes)
  for (let i = 0; i < total; i++) {
    const at = query.from.getTime() + i * query.stepMinutes * MINUTE_MS
    const minute = minuteOf(at)
    while (entered < minutes.length && minutes[entered]! <= minute) apply(minutes[entered++]!, 1)
    while (left < entered && minutes[left]! <= minute - windowMinutes) apply(minutes[left++]!, -1)
    const cells: FrameCell[] = []
    for (let slot = 0; slot < slots.length; slot++) if (counts[slot] !== 0) cells.push({ cell: slots[slot]!.cell, layer: slots[slot]!.layer, count: counts[slot]! })
    frames.push({ at: new Date(at).toISOString(), cells })
  }
  return { scope: query.scope, res: query.res, from: query.from.toISOString(), to: query.to.toISOString(), step_minutes: query.stepMinutes, window: query.window, frames }
}
