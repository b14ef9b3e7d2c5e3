/**
 * The console's REST reads (issue 11 contract): paths built by pure functions from the state, so
 * what the page asks for is unit-tested; `getJson` turns the uniform error body into a message.
 */
import type { Layer } from '../../server/core/protocol'
import type { ConsoleItem } from '../../server/core/console-item'
import { filterEntries, type ConsoleFilters, type Place } from './console-state'
import type { ReplayClock } from './replay-clock'
import { REPLAY_STEP_MS } from './replay-clock'

/** The item and answer shapes are the server's own types (issue-11 contract): one definition on both sides. */
export type { ConsoleItem as EventItem, SlaState } from '../../server/core/console-item'
export type { PlaceSummary as Summary } from '../../server/core/place-summary'
export type { Histogram } from '../../server/core/histogram'

export interface Page {
  items: ConsoleItem[]
  next_cursor: string | null
}

export interface SearchAnswer extends Page {
  cells: Array<{ cell: string; count: number }>
}

export type { Replay as ReplayFrames } from '../../server/core/replay'

const base = (place: Place) => (place.kind === 'cell' ? `/api/v1/cells/${encodeURIComponent(place.id)}` : `/api/v1/units/${encodeURIComponent(place.id)}`)

const query = (entries: Array<[string, string]>) => {
  const p = new URLSearchParams(entries)
  const s = p.toString()
  return s ? `?${s}` : ''
}

/** One page of the place's records, newest first; `cursor` continues the previous page. */
export function eventsPath(place: Place, filters: ConsoleFilters, cursor: string | null, limit = 50): string {
  const entries = filterEntries(filters)
  entries.push(['limit', String(limit)])
  if (cursor) entries.push(['cursor', cursor])
  return `${base(place)}/events${query(entries)}`
}

/** The 24 h histogram in 15-minute buckets, whatever the list's window: the panel's clock face (CON-UI-3). */
export function histogramPath(place: Place, filters: ConsoleFilters): string {
  const entries: Array<[string, string]> = [
    ['bucket', '15m'],
    ['window', '24h'],
  ]
  for (const [k, v] of filterEntries(filters)) if (k === 'layer' || k === 'category') entries.push([k, v])
  return `${base(place)}/histogram${query(entries)}`
}

export function summaryPath(place: Place, filters: ConsoleFilters): string {
  const span = filters.span
  const entries: Array<[string, string]> = span.kind === 'range' ? [['from', span.from], ['to', span.to]] : span.window === '24h' ? [] : [['window', span.window]]
  return `${base(place)}/summary${query(entries)}`
}

export function searchPath(q: string, cursor: string | null, limit = 50): string {
  const entries: Array<[string, string]> = [
    ['q', q],
    ['limit', String(limit)],
  ]
  if (cursor) entries.push(['cursor', cursor])
  return `/api/v1/search${query(entries)}`
}

/** Frames of the replayed 24 h at the map's resolution, every 5 min, each counting the hour before it (the map's sliding window). */
export function replayPath(clock: Pick<ReplayClock, 'from' | 'to'>, res: number, layers: readonly Layer[]): string {
  return `/api/v1/replay${query([
    ['scope', 'city'],
    ['res', String(res)],
    ['from', new Date(clock.from).toISOString()],
    ['to', new Date(clock.to).toISOString()],
    ['step', `${REPLAY_STEP_MS / 60_000}m`],
    ['window', '1h'],
    ['layer', layers.join(',')],
  ])}`
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field: string | null,
  ) {
    super(message)
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, signal ? { signal } : {})
  const body = (await response.json().catch(() => null)) as unknown
  if (!response.ok) {
    const error = (body as { error?: { message?: string; field?: string } } | null)?.error
    throw new ApiError(response.status, error?.message ?? `HTTP ${response.status}`, error?.field ?? null)
  }
  return body as T
}
