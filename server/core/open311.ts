/** GeoReport v2 (Open311) in our terms: pure translation of requests and filters. */
import type { Category } from './categories'
import { AppError } from './errors'
import { COMPLAINT_STATUSES, parseInstant, type ComplaintStatus } from './event'

export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 1000
/** GeoReport v2: without dates, requests of the last 90 days are listed. */
export const DEFAULT_LIST_DAYS = 90

export type Locale = 'vi' | 'en'

export function parseLocale(value: unknown): Locale {
  if (value === undefined || value === '') return 'vi'
  if (value === 'vi' || value === 'en') return value
  throw new AppError(400, 'bad_request', 'locale must be vi or en', 'locale')
}

export function toService(category: Category, locale: Locale) {
  return {
    service_code: category.code,
    service_name: category.name[locale],
    description: `${category.name.vi} / ${category.name.en}`,
    metadata: false,
    type: 'realtime',
    keywords: category.code.replace(/_/g, ' '),
    group: category.group,
  }
}

/** Our lifecycle states as GeoReport v2's two. */
export function toOpen311Status(status: string | null): 'open' | 'closed' {
  return status === 'closed' ? 'closed' : 'open'
}

const CONTACT_FIELDS = ['first_name', 'last_name', 'email', 'phone', 'device_id', 'account_id'] as const

/**
 * A POST body as a producer event. Location is required (lat/long, address_string or address_id),
 * as the spec says; personal fields go to `contact` and nowhere else.
 */
export function open311ToEvent(body: Record<string, unknown>, context: { source: string; sourceId: string; now: Date }) {
  const text = (name: string) => (typeof body[name] === 'string' && (body[name] as string).trim() !== '' ? (body[name] as string).trim() : undefined)
  if (!text('service_code')) throw new AppError(400, 'bad_request', 'service_code is required (GET services.json lists them)', 'service_code')
  const hasPoint = body.lat !== undefined && body.lat !== '' && body.long !== undefined && body.long !== ''
  if (!hasPoint && !text('address_string') && !text('address_id')) {
    throw new AppError(400, 'bad_request', 'a location is required: lat and long, address_string or address_id', 'lat')
  }
  const attributes: Record<string, unknown> = {}
  const nested = body.attribute
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(attributes, nested)
  for (const [key, value] of Object.entries(body)) {
    const match = /^attribute\[(.+)\]$/.exec(key)
    if (match) attributes[match[1]!] = value
  }
  if (text('media_url')) attributes.media_url = text('media_url')
  if (text('address_id')) attributes.address_id = text('address_id')
  const contact: Record<string, string> = {}
  for (const field of CONTACT_FIELDS) {
    const value = text(field)
    if (value) contact[field] = value
  }
  return {
    raw: {
      kind: 'complaint',
      source: context.source,
      source_id: context.sourceId,
      // requested_datetime is our extension for replaying recorded feeds; the spec's clients omit it.
      occurred_at: text('requested_datetime') ?? context.now.toISOString(),
      lat: hasPoint ? body.lat : undefined,
      lon: hasPoint ? body.long : undefined,
      text: text('description'),
      address: text('address_string'),
      category: text('service_code'),
      attributes,
    },
    contact: Object.keys(contact).length > 0 ? contact : null,
  }
}

/** Our field names back in the spec's words, for error messages. */
export function open311Field(field: string): string {
  return ({ lon: 'long', text: 'description', category: 'service_code', occurred_at: 'requested_datetime', address: 'address_string' } as Record<string, string>)[field] ?? field
}

export interface RequestFilters {
  ids: string[] | null
  serviceCodes: string[] | null
  start: Date | null
  end: Date | null
  statuses: ComplaintStatus[] | null
  limit: number
  offset: number
}

function list(value: unknown): string[] | null {
  if (value === undefined || value === '') return null
  if (typeof value !== 'string') return null
  const items = value.split(',').map((s) => s.trim()).filter(Boolean)
  return items.length > 0 ? items : null
}

function positiveInt(value: unknown, field: string, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > max) throw new AppError(400, 'bad_request', `must be an integer from 1 to ${max}`, field)
  return n
}

export function parseRequestFilters(query: Record<string, unknown>, now: Date): RequestFilters {
  const ids = list(query.service_request_id)
  if (ids?.some((id) => !/^\d{1,18}$/.test(id))) throw new AppError(400, 'bad_request', 'must be a comma-separated list of request ids', 'service_request_id')
  const date = (field: string) => {
    if (query[field] === undefined || query[field] === '') return null
    const parsed = parseInstant(query[field])
    if (typeof parsed === 'string') throw new AppError(400, 'bad_request', parsed, field)
    return parsed
  }
  let start = date('start_date')
  const end = date('end_date')
  if (start && end && start > end) throw new AppError(400, 'bad_request', 'start_date is after end_date', 'start_date')
  if (!ids && !start && !end) start = new Date(now.getTime() - DEFAULT_LIST_DAYS * 86_400_000)
  let statuses: ComplaintStatus[] | null = null
  const status = list(query.status)
  if (status) {
    if (status.some((s) => s !== 'open' && s !== 'closed')) throw new AppError(400, 'bad_request', 'status must be open or closed', 'status')
    statuses = COMPLAINT_STATUSES.filter((s) => status.includes(toOpen311Status(s)))
  }
  const pageSize = positiveInt(query.page_size, 'page_size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
  const page = positiveInt(query.page, 'page', 1, 1_000_000)
  return { ids, serviceCodes: list(query.service_code), start, end, statuses, limit: pageSize, offset: (page - 1) * pageSize }
}
