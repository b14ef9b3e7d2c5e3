/**
 * The briefing page's state in its URL (`/briefing?period=this_week&scope=760&lang=en`), so a
 * briefing can be shared, and the API address it reads. Pure.
 */
import { BRIEFING_PERIODS, type BriefingPeriodName } from '../../server/core/briefing-names'

export interface BriefingParams {
  period: BriefingPeriodName
  scope: string
  /** Only with period custom: ISO 8601 with a zone, as the API takes them. */
  from: string | null
  to: string | null
}

export const DEFAULT_PARAMS: BriefingParams = { period: 'today', scope: 'city', from: null, to: null }

export function readParams(search: string): BriefingParams {
  const q = new URLSearchParams(search)
  const period = q.get('period')
  const named = (BRIEFING_PERIODS as readonly string[]).includes(period ?? '') ? (period as BriefingPeriodName) : DEFAULT_PARAMS.period
  const custom = named === 'custom'
  return { period: named, scope: q.get('scope') || DEFAULT_PARAMS.scope, from: custom ? q.get('from') : null, to: custom ? q.get('to') : null }
}

/** The page's query string; `lang` is kept as the page had it. */
export function writeParams(params: BriefingParams, lang: string | null): string {
  const q = new URLSearchParams({ period: params.period, scope: params.scope })
  if (params.period === 'custom') {
    if (params.from) q.set('from', params.from)
    if (params.to) q.set('to', params.to)
  }
  if (lang) q.set('lang', lang)
  return `?${q}`
}

export function briefingUrl(params: BriefingParams, format: 'json' | 'csv'): string {
  const q = new URLSearchParams({ period: params.period, scope: params.scope, format })
  if (params.period === 'custom') {
    if (params.from) q.set('from', params.from)
    if (params.to) q.set('to', params.to)
  }
  return `/api/v1/briefing?${q}`
}

/** A date input's day (yyyy-mm-dd) as local midnight in Ho Chi Minh City (UTC+7, no daylight saving). */
export const dayStart = (day: string): string => `${day}T00:00:00+07:00`
