/**
 * The event contract: what producers send, how it is checked, and what is stored (ING-4). Pure.
 * The zod schema built by `eventSchema` owns every rule and the stored type, `NewEvent`.
 */
import { z } from 'zod'
import { firstRejection, given, quote, type Rejection } from './rejection'

export type { Rejection } from './rejection'

export const EVENT_KINDS = ['complaint', 'mention'] as const
export type EventKind = (typeof EVENT_KINDS)[number]

/**
 * The statuses a complaint may arrive with (LIFE-1): the lifecycle's, less `reopened` (nothing is
 * reopened before it exists), plus `open`, GeoReport v2's word for received.
 */
export const INGEST_STATUSES = ['open', 'received', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected'] as const
type IngestStatus = (typeof INGEST_STATUSES)[number]
const RESOLUTIONS: ReadonlySet<string> = new Set(['resolved', 'closed'])

export const MAX_TEXT_LENGTH = 4000
export const MAX_FUTURE_SKEW_MS = 5 * 60_000
const MAX_ID_LENGTH = 200
const MAX_ATTRIBUTES_BYTES = 16_384
const MAX_ATTRIBUTES_DEPTH = 32
/** The earliest occurrence taken: older dates are typos (and year 0 is out of PostgreSQL's range). */
const EARLIEST_OCCURRENCE_MS = Date.UTC(1900, 0, 1)

/** The fields in the order a producer reads them; the first one at fault is the one reported. */
const FIELDS = ['kind', 'source', 'source_id', 'occurred_at', 'lat', 'lon', 'text', 'address', 'unit', 'category', 'status', 'closed_at', 'attributes']

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/** An ISO 8601 timestamp that states its zone, as written; a bare local time is ambiguous. */
const isoWithZone = z
  .string({ error: (issue) => (given(issue.input) ? 'must be an ISO 8601 string such as 2026-11-24T08:30:00+07:00' : 'is required') })
  .min(1, { error: 'is required', abort: true })
  .regex(ISO_WITH_ZONE, {
    error: (issue) =>
      LOCAL_DATE_TIME.test(issue.input as string)
        ? `"${issue.input}" has no time zone — add Z or an offset such as +07:00`
        : `${quote(issue.input)} is not an ISO 8601 date-time such as 2026-11-24T08:30:00+07:00`,
  })

/** `new Date` rolls 30 February over into March; the wall-clock fields must survive the round trip. */
function realDate(value: string): Date | null {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return null
  const zone = /(Z|([+-])(\d{2}):?(\d{2}))$/i.exec(value)!
  const offsetMinutes = zone[1]!.toUpperCase() === 'Z' ? 0 : (zone[2] === '-' ? -1 : 1) * (Number(zone[3]) * 60 + Number(zone[4]))
  const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString()
  return local.slice(0, 16) === value.slice(0, 16) ? date : null
}

/** The instant; with a clock, also at most MAX_FUTURE_SKEW_MS ahead of it. */
const instantSchema = (now?: () => Date) =>
  isoWithZone.transform((value, ctx) => {
    const date = realDate(value)
    if (date === null) {
      ctx.issues.push({ code: 'custom', message: `"${value}" is not a real date`, input: value })
      return z.NEVER
    }
    if (date.getTime() < EARLIEST_OCCURRENCE_MS) {
      ctx.issues.push({ code: 'custom', message: `${value} is before 1900 — check the producer's date field`, input: value })
      return z.NEVER
    }
    if (now && date.getTime() - now().getTime() > MAX_FUTURE_SKEW_MS) {
      ctx.issues.push({ code: 'custom', message: `${value} is more than 5 minutes in the future — check the producer's clock and zone`, input: value })
      return z.NEVER
    }
    return date
  })

/** An ISO 8601 timestamp with its zone (query filters, replayed feeds). */
export const instant = instantSchema()

/** Parses an ISO 8601 timestamp that states its zone; answers the reason when it cannot. */
export function parseInstant(value: unknown): Date | string {
  const parsed = instant.safeParse(value)
  return parsed.success ? parsed.data : parsed.error.issues[0]!.message
}

/**
 * What PostgreSQL cannot store in text: the NUL character, and half of a UTF-16 surrogate pair
 * (which would arrive as U+FFFD, silently changed). One linear scan.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const UNSTORABLE_REASON = 'holds a NUL character (\\u0000) or half a surrogate pair, which cannot be stored — remove it'
const storable = (value: string) => !UNSTORABLE.test(value)

/** Producers' ids: a string, or a number that we keep as its decimal string. */
export const producerId = z.union(
  [
    z
      .string()
      .min(1, { error: 'is required' })
      .max(MAX_ID_LENGTH, { error: `is longer than ${MAX_ID_LENGTH} characters` })
      .refine(storable, { error: UNSTORABLE_REASON }),
    z.number(),
  ],
  { error: (issue) => (given(issue.input) ? 'must be a string' : 'is required') },
)

/** Optional free text: blank is absent. */
export const optionalText = (max: number) =>
  z
    .string({ error: 'must be a string' })
    .max(max, { error: (issue) => `is ${(issue.input as string).length} characters long; the limit is ${max}` })
    .refine(storable, { error: UNSTORABLE_REASON })
    .nullish()

/** A decimal number as text: no blanks taken for 0, no hex, no exponent tricks beyond plain decimals. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/

/** Decimal degrees; form posts send them as strings, and blank is no coordinate. */
const degrees = z
  .preprocess(
    (value) => (typeof value === 'string' ? value.trim() : value),
    z.union([z.number(), z.literal(['', null]), z.string().regex(DECIMAL).transform(Number)], { error: 'must be a number in decimal degrees' }),
  )
  .optional()

const toDegrees = (value: number | string | null | undefined): number | null => (typeof value === 'number' ? value : null)

/** lat and lon are checked together, so that a swapped pair is named as such. */
function checkPair(point: { lat?: number | string | null; lon?: number | string | null }, ctx: z.RefinementCtx): void {
  const fault = pairFault(toDegrees(point.lat), toDegrees(point.lon))
  if (fault) ctx.addIssue({ code: 'custom', path: [fault.field], message: fault.reason, input: point[fault.field] })
}

function pairFault(lat: number | null, lon: number | null): { field: 'lat' | 'lon'; reason: string } | null {
  if (lat === null && lon === null) return null
  if (lat === null) return { field: 'lat', reason: 'is missing while lon is given; send both or neither' }
  if (lon === null) return { field: 'lon', reason: 'is missing while lat is given; send both or neither' }
  if (lat < -90 || lat > 90) {
    const swapped = lon >= -90 && lon <= 90 && lat >= -180 && lat <= 180
    return { field: 'lat', reason: `${lat} is outside [-90, 90]${swapped ? ' — are lat and lon swapped?' : ''}` }
  }
  if (lon < -180 || lon > 180) return { field: 'lon', reason: `${lon} is outside [-180, 180]` }
  return null
}

/** lat and lon alone, with the pair rule. */
const point = z.object({ lat: degrees, lon: degrees }).superRefine(checkPair)

/** Checks lat/lon together, so that a swapped pair is named as such. */
export function checkCoordinates(lat: unknown, lon: unknown): { lat: number | null; lon: number | null } | Rejection {
  const parsed = point.safeParse({ lat, lon })
  if (!parsed.success) return firstRejection(parsed.error, { root: '(point)', order: ['lat', 'lon'] })
  return { lat: toDegrees(parsed.data.lat), lon: toDegrees(parsed.data.lon) }
}

/** Why a JSON value cannot be stored as it is, or null: walked without recursion, so depth cannot overflow the stack. */
function attributesFault(value: unknown): string | null {
  const pending: Array<[unknown, number]> = [[value, 1]]
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!
    if (typeof node === 'string') {
      if (!storable(node)) return `a value ${UNSTORABLE_REASON}`
    } else if (node !== null && typeof node === 'object') {
      if (depth > MAX_ATTRIBUTES_DEPTH) return `nests deeper than ${MAX_ATTRIBUTES_DEPTH} levels`
      for (const [key, child] of Object.entries(node)) {
        if (!storable(key)) return `a key ${UNSTORABLE_REASON}`
        pending.push([child, depth + 1])
      }
    }
  }
  return null
}

const attributes = z
  .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
  .superRefine((value, ctx) => {
    const fault = attributesFault(value)
    if (fault) ctx.addIssue({ code: 'custom', message: fault, input: value, continue: false })
  })
  .refine((value) => JSON.stringify(value).length <= MAX_ATTRIBUTES_BYTES, { error: `is larger than ${MAX_ATTRIBUTES_BYTES} bytes` })
  .nullish()

/**
 * The producer's own source (ING-8): the API key decides who writes, so a line may omit `source`
 * or state that same one; a line stating another source is refused, never filed under it.
 */
export const boundSource = (source: string) =>
  z
    .unknown()
    .refine((stated) => !given(stated) || String(stated) === source, {
      error: (issue) => `${quote(issue.input)} is not this API key's source: it writes as "${source}" — omit source or send "${source}"`,
    })
    .optional()

const lifecycleStatus = (status: IngestStatus | '' | null | undefined): Exclude<IngestStatus, 'open'> =>
  !status || status === 'open' ? 'received' : status

function statusTakenAt(status: string, occurredAt: Date, closedAt: Date | null | undefined, now: Date): Date {
  if (status === 'received') return occurredAt
  if (closedAt) return closedAt
  // A status that came without its time took effect no later than now, and not before it occurred.
  return now.getTime() < occurredAt.getTime() ? occurredAt : now
}

/** `closed_at` says when a resolved or closed complaint was; on any other status it would be silently meaningless. */
function checkClosedAt(event: { status?: string | null; closed_at?: Date | null }, ctx: z.RefinementCtx): void {
  if (event.closed_at && !RESOLUTIONS.has(event.status ?? '')) {
    ctx.addIssue({ code: 'custom', path: ['closed_at'], message: `is only for a resolved or closed complaint; status is ${quote(event.status ?? 'received')}`, input: event.closed_at })
  }
}

export interface EventRules {
  /** Known category codes; an unknown one is rejected so that typos do not become new categories. */
  categories: ReadonlySet<string>
  /** The clock that bounds `occurred_at` (producers may be at most 5 minutes ahead). */
  now: () => Date
}

/**
 * The event as the producer writing as `source` may send it, under one deployment's rules; build
 * it once per producer (createEventValidator), parse many.
 */
export function eventSchema(rules: EventRules, source: string) {
  const fields = {
    source: boundSource(source),
    source_id: producerId,
    occurred_at: instantSchema(rules.now),
    lat: degrees,
    lon: degrees,
    text: optionalText(MAX_TEXT_LENGTH),
    address: optionalText(500),
    unit: optionalText(64),
    category: optionalText(64).refine((code) => code === '' || code == null || rules.categories.has(code), {
      error: (issue) => `${quote(issue.input)} is not a known category (GET /open311/v2/services.json lists them)`,
    }),
    attributes,
  }
  // Unknown fields are refused: `latitude` or `catgory` silently dropped would store an event
  // without its point or category, and the producer would never hear of it.
  const unknownField = { error: (issue: { code?: string }) => (issue.code === 'unrecognized_keys' ? `is not a field of an event; the fields are ${FIELDS.join(', ')}` : undefined) }
  const complaint = z.strictObject({
    kind: z.literal('complaint'),
    ...fields,
    status: z.enum([...INGEST_STATUSES, ''], { error: (issue) => `${quote(issue.input)} is not one of ${INGEST_STATUSES.join(', ')}` }).nullish(),
    closed_at: instantSchema(rules.now).nullish(),
  }, unknownField).superRefine(checkClosedAt)
  const mention = z.strictObject({
    kind: z.literal('mention'),
    ...fields,
    status: z.literal(['', null], { error: 'only complaints have a status' }).optional(),
    closed_at: z.literal(['', null], { error: 'only complaints are closed' }).optional(),
  }, unknownField)
  return z
    .discriminatedUnion('kind', [complaint, mention], {
      error: (issue) => {
        if (issue.code !== 'invalid_union') return 'must be a JSON object'
        const kind = (issue.input as Record<string, unknown>).kind
        return given(kind) ? `${quote(kind)} is not complaint or mention` : 'is required: complaint or mention'
      },
    })
    .superRefine(checkPair)
    .transform((event) => ({
      kind: event.kind,
      source,
      sourceId: String(event.source_id),
      occurredAt: event.occurred_at,
      lat: toDegrees(event.lat),
      lon: toDegrees(event.lon),
      /** A boundary code the producer already knows the event belongs to, when it has no point. */
      unit: event.unit || null,
      text: event.text || null,
      address: event.address || null,
      category: event.category || null,
      status: event.kind === 'complaint' ? lifecycleStatus(event.status) : null,
      /** When that status took effect: `closed_at` for a resolved or closed one, else on arrival (LIFE-5). */
      statusAt: event.kind !== 'complaint' ? null : statusTakenAt(lifecycleStatus(event.status), event.occurred_at, event.closed_at, rules.now()),
      attributes: event.attributes ?? {},
      /** Personal fields (Open311 POST), stored apart and never shown in public reads. */
      contact: null as Record<string, string> | null,
    }))
}

/** An event that passed validation, ready for enrichment and storage. */
export type NewEvent = z.output<ReturnType<typeof eventSchema>>

export type Validation = { ok: true; event: NewEvent } | ({ ok: false } & Rejection)

/** Validates one event from the producer writing as `source`. Never throws: whatever arrives gets a field and a reason. */
export type EventValidator = (raw: unknown, source: string) => Validation

/** Validates producer events against `rules`, with one compiled schema per producer's source. */
export function createEventValidator(rules: EventRules): EventValidator {
  // Ingest validates tens of thousands of events a second: zod's compiled fast path parses a valid
  // event in straight-line code, and falls back to the schema's own parse to report a fault.
  // Compiling takes milliseconds, so each source's schema is compiled once; sources are the
  // configured producers, a short list.
  const schemas = new Map<string, ReturnType<typeof compiled>>()
  const compiled = (source: string) => z.compile(eventSchema(rules, source))
  return (raw, source) => {
    let schema = schemas.get(source)
    if (!schema) schemas.set(source, (schema = compiled(source)))
    const parsed = schema.safeParse(raw)
    if (parsed.success) return { ok: true, event: parsed.data }
    return { ok: false, ...firstRejection(parsed.error, { root: '(event)', order: FIELDS, crossField: { input: raw, rules: [point] } }) }
  }
}

export interface ValidationContext {
  now: Date
  /** The producer's source: its API key's. */
  source: string
  /** Known category codes; an unknown one is rejected so that typos do not become new categories. */
  categories: ReadonlySet<string>
}

/** One validator per context object, so that a caller checking many events with one context builds it once. */
const validators = new WeakMap<ValidationContext, EventValidator>()

/** Validates one producer event. Never throws: whatever arrives gets a field and a reason. */
export function validateEvent(raw: unknown, context: ValidationContext): Validation {
  let validate = validators.get(context)
  if (!validate) {
    validate = createEventValidator({ categories: context.categories, now: () => context.now })
    validators.set(context, validate)
  }
  return validate(raw, context.source)
}
