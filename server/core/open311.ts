/** GeoReport v2 (Open311) in our terms: pure translation of requests and filters, owned by zod schemas. */
import { z } from 'zod'
import type { Category, Taxonomy } from './categories'
import { AppError } from './errors'
import { instant } from './event'
import { LIFECYCLE_STATUSES, isOpen, type LifecycleStatus } from './lifecycle'
import { checkAttributes, resolveServiceCode } from './open311-services'
import { maskPersonalData } from './privacy'
import { firstRejection, quote, type RejectionOptions } from './rejection'

export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 1000
/** GeoReport v2: without dates, requests of the last 90 days are listed. */
export const DEFAULT_LIST_DAYS = 90

/** Query strings and forms say "not given" with an empty value. */
const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value)

const localeSchema = z.preprocess(blankIsAbsent, z.enum(['vi', 'en'], { error: 'locale must be vi or en' }).default('vi'))

export type Locale = z.output<typeof localeSchema>

/** Parses `schema`, or throws the first fault as a 400 naming the field. */
function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, options: RejectionOptions): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const { field, reason } = firstRejection(parsed.error, options)
  throw new AppError(400, 'bad_request', reason, field)
}

export const parseLocale = (value: unknown): Locale => parseOrThrow(localeSchema, value, { root: 'locale' })

/**
 * OPEN311-3: `jurisdiction_id` is optional here (one jurisdiction is served); when sent it must be
 * the one configured, compared as domain names are, without case.
 */
export function checkJurisdiction(value: unknown, served: string): void {
  if (value === undefined || value === '') return
  if (typeof value === 'string' && value.trim().toLowerCase() === served) return
  throw new AppError(404, 'jurisdiction_not_found', `jurisdiction_id ${quote(value)} is not served here: this endpoint serves "${served}" (or leave jurisdiction_id out)`, 'jurisdiction_id')
}

/** GeoReport v2 discovery: where this endpoint is and what it speaks. */
export function discovery(baseUrl: string, jurisdiction: string) {
  const changeset = '2026-11-25T00:00:00Z'
  return {
    changeset,
    contact: 'OpsWall operations centre',
    key_service: 'API keys are issued by the operations centre administrator',
    jurisdiction_id: jurisdiction,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: baseUrl,
        changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  }
}

/** Our lifecycle states as GeoReport v2's two. */
export function toOpen311Status(status: LifecycleStatus): 'open' | 'closed' {
  return isOpen(status) ? 'open' : 'closed'
}

/** A complaint as open311-requests.sql reads it. */
export interface RequestRow {
  service_request_id: string
  status: LifecycleStatus
  /** The note of the latest status change. */
  status_notes: string | null
  service_code: string | null
  description: string | null
  address: string | null
  requested_datetime: Date
  /** When the latest status change took effect. */
  updated_datetime: Date
  /** The SLA deadline (complaint.due_at). */
  expected_datetime: Date
  /** The assigned unit's boundary name, or the unit as the producer wrote it; until assigned, the top unit it lies in, by name. */
  assigned_agency: string | null
  lat: number | null
  long: number | null
  media_url: string | null
}

const iso = (value: Date | string) => new Date(value).toISOString()

/** A service request as GET requests answers it (OPEN311-5), the same object for JSON and XML. */
export function toRequest(row: RequestRow, categories: ReadonlyMap<string, Category>, locale: Locale) {
  return {
    service_request_id: row.service_request_id,
    status: toOpen311Status(row.status),
    // Notes are written by people handling the case and may quote the caller: masked as descriptions are.
    status_notes: maskPersonalData(row.status_notes),
    service_name: row.service_code ? (categories.get(row.service_code)?.name[locale] ?? row.service_code) : null,
    service_code: row.service_code,
    // Callers often say their name and number in the description; a public list must not.
    description: maskPersonalData(row.description),
    // The unit the complaint is assigned to, else the top-level unit it lies in (a district, or a ward where there are no districts).
    agency_responsible: row.assigned_agency,
    service_notice: null,
    requested_datetime: iso(row.requested_datetime),
    updated_datetime: iso(row.updated_datetime),
    expected_datetime: iso(row.expected_datetime),
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.long,
    media_url: row.media_url,
  }
}

const CONTACT_FIELDS = ['first_name', 'last_name', 'email', 'phone', 'device_id', 'account_id'] as const

/** A form value: trimmed; blank, or not a string at all, is not given. */
const formText = z.string().trim().min(1).optional().catch(undefined)

/**
 * A POST body (form or JSON). Location is required (lat/long, address_string or address_id), as
 * the spec says; personal fields go to `contact` and nowhere else. The event fields themselves are
 * checked afterwards by the event schema (core/event.ts), as for every producer.
 */
const open311BodySchema = z
  .looseObject({
    service_code: z
      .string({ error: 'service_code is required (GET services.json lists them)' })
      .trim()
      .min(1, { error: 'service_code is required (GET services.json lists them)' }),
    lat: z.unknown().optional(),
    long: z.unknown().optional(),
    address_string: formText,
    address_id: formText,
    description: formText,
    // Shown as a link by consoles: only web addresses, never `javascript:` and the like.
    media_url: formText.refine((url) => url == null || url === '' || /^https?:\/\/[^\s]+$/i.test(url), { error: 'must be an http(s) URL' }),
    // requested_datetime is our extension for replaying recorded feeds; the spec's clients omit it.
    requested_datetime: formText,
    // So is a record's lifecycle: `status` closed with its `updated_datetime` files the closing in
    // the complaint's history (LIFE-5), as a GET of another GeoReport server answers it.
    status: z.preprocess(blankIsAbsent, z.enum(['open', 'closed'], { error: 'must be open or closed' }).optional()),
    updated_datetime: formText,
    attribute: z.record(z.string(), z.unknown()).optional().catch(undefined),
    first_name: formText,
    last_name: formText,
    email: formText,
    phone: formText,
    device_id: formText,
    account_id: formText,
  })
  .superRefine((body, ctx) => {
    if (!hasPoint(body) && !body.address_string && !body.address_id) {
      ctx.addIssue({ code: 'custom', path: ['lat'], message: 'a location is required: lat and long, address_string or address_id' })
    }
  })
  .transform((body) => {
    const attributes: Record<string, unknown> = { ...body.attribute }
    for (const [key, value] of Object.entries(body)) {
      // `attribute[code][]` is how form clients send each value of a multivaluelist; sent both ways, every value is kept.
      const code = /^attribute\[([^\]]+)\](\[\])?$/.exec(key)?.[1]
      if (code !== undefined) attributes[code] = Object.hasOwn(attributes, code) ? [attributes[code], value].flat() : value
    }
    const contact: Record<string, string> = {}
    for (const field of CONTACT_FIELDS) if (body[field]) contact[field] = body[field]
    const point = hasPoint(body)
    return {
      serviceCode: body.service_code,
      lat: point ? body.lat : undefined,
      lon: point ? body.long : undefined,
      description: body.description,
      address: body.address_string,
      requestedAt: body.requested_datetime,
      status: body.status,
      updatedAt: body.updated_datetime,
      attributes,
      mediaUrl: body.media_url,
      addressId: body.address_id,
      contact: Object.keys(contact).length > 0 ? contact : null,
    }
  })

/** Both sent (null included: the event schema then names the one missing). */
const hasPoint = (body: { lat?: unknown; long?: unknown }) => body.lat !== undefined && body.lat !== '' && body.long !== undefined && body.long !== ''

/**
 * A POST body as a producer event (for the event schema) and the personal fields kept apart; the
 * intake files it under the key's source. Another system's service code is filed under ours, and
 * attributes are checked against the category's definition (OPEN311-4).
 */
export function open311ToEvent(body: unknown, context: { sourceId: string; now: Date; taxonomy: Taxonomy }) {
  const request = parseOrThrow(open311BodySchema, body, { root: '(body)' })
  const category = resolveServiceCode(context.taxonomy, request.serviceCode)
  const attributes = checkAttributes(context.taxonomy.categories.find((c) => c.code === category), request.attributes)
  if (request.mediaUrl) attributes.media_url = request.mediaUrl
  if (request.addressId) attributes.address_id = request.addressId
  return {
    raw: {
      kind: 'complaint',
      source_id: context.sourceId,
      occurred_at: request.requestedAt ?? context.now.toISOString(),
      ...(request.status ? { status: request.status } : {}),
      ...(request.status === 'closed' && request.updatedAt ? { closed_at: request.updatedAt } : {}),
      lat: request.lat,
      lon: request.lon,
      text: request.description,
      address: request.address,
      category,
      attributes,
    },
    contact: request.contact,
  }
}

/** Our field names back in the spec's words, for error messages. */
export function open311Field(field: string): string {
  return ({ lon: 'long', text: 'description', category: 'service_code', occurred_at: 'requested_datetime', closed_at: 'updated_datetime', address: 'address_string', attributes: 'attribute' } as Record<string, string>)[field] ?? field
}

/** `a,b , c` as a list; empty, or not a string (a repeated parameter), is not given. */
const commaList = z
  .string()
  .transform((value) => {
    const items = value.split(',').map((item) => item.trim()).filter(Boolean)
    return items.length > 0 ? items : null
  })
  .catch(null)

const listOf = <T extends z.ZodType<unknown, string>>(item: T) => commaList.pipe(z.array(item).nullable())

const pageNumber = (max: number, fallback: number) =>
  z.preprocess(
    blankIsAbsent,
    z.coerce
      .number({ error: `must be an integer from 1 to ${max}` })
      .int({ error: `must be an integer from 1 to ${max}` })
      .min(1, { error: `must be an integer from 1 to ${max}` })
      .max(max, { error: `must be an integer from 1 to ${max}` })
      .default(fallback),
  )

const dateFilter = z.preprocess(blankIsAbsent, instant.optional())

const FILTERS = ['service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'page_size', 'page']

function checkRange(query: { start_date?: Date; end_date?: Date }, ctx: z.RefinementCtx): void {
  if (query.start_date && query.end_date && query.start_date > query.end_date) {
    ctx.addIssue({ code: 'custom', path: ['start_date'], message: 'start_date is after end_date' })
  }
}

/** The two dates alone, with the range rule. */
const dateRange = z.object({ start_date: dateFilter, end_date: dateFilter }).superRefine(checkRange)

/** GET requests.json: the query as filters, each fault naming its parameter. */
const requestFiltersSchema = z
  .object({
    service_request_id: listOf(z.string().regex(/^\d{1,18}$/, { error: 'must be a comma-separated list of request ids' })),
    service_code: commaList,
    start_date: dateFilter,
    end_date: dateFilter,
    status: listOf(z.enum(['open', 'closed'], { error: 'status must be open or closed' })),
    page_size: pageNumber(MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
    page: pageNumber(1_000_000, 1),
  })
  .superRefine(checkRange)
  .transform((query) => ({
    ids: query.service_request_id,
    serviceCodes: query.service_code,
    start: query.start_date ?? null,
    end: query.end_date ?? null,
    statuses: query.status ? LIFECYCLE_STATUSES.filter((s) => query.status!.includes(toOpen311Status(s))) : null,
    limit: query.page_size,
    offset: (query.page - 1) * query.page_size,
  }))

export type RequestFilters = z.output<typeof requestFiltersSchema>

export function parseRequestFilters(query: Record<string, unknown>, now: Date): RequestFilters {
  const filters = parseOrThrow(requestFiltersSchema, query, { root: '(query)', order: FILTERS, crossField: { input: query, rules: [dateRange] } })
  if (!filters.ids && !filters.start && !filters.end) filters.start = new Date(now.getTime() - DEFAULT_LIST_DAYS * 86_400_000)
  return filters
}
