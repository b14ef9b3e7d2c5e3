/** The event contract: what producers send, how it is checked, and what is stored. Pure. */
export const EVENT_KINDS = ['complaint', 'mention'] as const
export type EventKind = (typeof EVENT_KINDS)[number]

export const COMPLAINT_STATUSES = ['open', 'in_progress', 'closed'] as const
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number]

export const MAX_TEXT_LENGTH = 4000
export const MAX_FUTURE_SKEW_MS = 5 * 60_000
const MAX_ID_LENGTH = 200
const MAX_ATTRIBUTES_BYTES = 16_384

/** An event that passed validation, ready for enrichment and storage. */
export interface NewEvent {
  kind: EventKind
  source: string
  sourceId: string
  occurredAt: Date
  lat: number | null
  lon: number | null
  /** A boundary code the producer already knows the event belongs to, when it has no point. */
  unit: string | null
  text: string | null
  address: string | null
  category: string | null
  status: ComplaintStatus | null
  attributes: Record<string, unknown>
  contact: Record<string, string> | null
}

export interface Rejection {
  field: string
  reason: string
}

export type Validation = { ok: true; event: NewEvent } | ({ ok: false } & Rejection)

export interface ValidationContext {
  now: Date
  /** Known category codes; an unknown one is rejected so that typos do not become new categories. */
  categories: ReadonlySet<string>
}

const reject = (field: string, reason: string): Validation => ({ ok: false, field, reason })

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i

/** Parses an ISO 8601 timestamp that states its zone; a bare local time is ambiguous and refused. */
export function parseInstant(value: unknown): Date | string {
  if (typeof value !== 'string') return 'must be an ISO 8601 string such as 2026-11-24T08:30:00+07:00'
  if (!ISO_WITH_ZONE.test(value)) {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)
      ? `"${value}" has no time zone — add Z or an offset such as +07:00`
      : `"${truncate(value)}" is not an ISO 8601 date-time such as 2026-11-24T08:30:00+07:00`
  }
  const date = new Date(value)
  if (Number.isNaN(date.getTime()) || !sameWallClock(value, date)) return `"${value}" is not a real date`
  return date
}

/** `new Date` rolls 30 February over into March; the wall-clock fields must survive the round trip. */
function sameWallClock(value: string, date: Date): boolean {
  const zone = /(Z|([+-])(\d{2}):?(\d{2}))$/i.exec(value)!
  const offsetMinutes = zone[1]!.toUpperCase() === 'Z' ? 0 : (zone[2] === '-' ? -1 : 1) * (Number(zone[3]) * 60 + Number(zone[4]))
  const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString()
  return local.slice(0, 16) === value.slice(0, 16)
}

function truncate(value: string, max = 40): string {
  return value.length > max ? value.slice(0, max) + '…' : value
}

function optionalString(raw: Record<string, unknown>, field: string, max: number): string | null | Rejection {
  const value = raw[field]
  if (value === undefined || value === null || value === '') return null
  if (typeof value !== 'string') return { field, reason: 'must be a string' }
  if (value.length > max) return { field, reason: `is ${value.length} characters long; the limit is ${max}` }
  return value
}

function requiredId(raw: Record<string, unknown>, field: string): string | Rejection {
  const value = raw[field]
  if (value === undefined || value === null || value === '') return { field, reason: 'is required' }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return { field, reason: 'must be a string' }
  if (value.length > MAX_ID_LENGTH) return { field, reason: `is longer than ${MAX_ID_LENGTH} characters` }
  return value
}

function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && 'reason' in value && 'field' in value
}

function coordinate(value: unknown, field: 'lat' | 'lon'): number | null | Rejection {
  if (value === undefined || value === null || value === '') return null
  const number = typeof value === 'string' ? Number(value) : value
  if (typeof number !== 'number' || !Number.isFinite(number)) return { field, reason: 'must be a number in decimal degrees' }
  return number
}

/** Checks lat/lon together, so that a swapped pair is named as such. */
export function checkCoordinates(latRaw: unknown, lonRaw: unknown): { lat: number | null; lon: number | null } | Rejection {
  const lat = coordinate(latRaw, 'lat')
  if (isRejection(lat)) return lat
  const lon = coordinate(lonRaw, 'lon')
  if (isRejection(lon)) return lon
  if (lat === null && lon === null) return { lat: null, lon: null }
  if (lat === null) return { field: 'lat', reason: 'is missing while lon is given; send both or neither' }
  if (lon === null) return { field: 'lon', reason: 'is missing while lat is given; send both or neither' }
  if (lat < -90 || lat > 90) {
    const swapped = lon >= -90 && lon <= 90 && lat >= -180 && lat <= 180
    return { field: 'lat', reason: `${lat} is outside [-90, 90]${swapped ? ' — are lat and lon swapped?' : ''}` }
  }
  if (lon < -180 || lon > 180) return { field: 'lon', reason: `${lon} is outside [-180, 180]` }
  return { lat, lon }
}

function plainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Validates one producer event. Never throws: whatever arrives gets a field and a reason. */
export function validateEvent(raw: unknown, context: ValidationContext): Validation {
  if (!plainObject(raw)) return reject('(event)', 'must be a JSON object')
  const kind = raw.kind
  if (kind === undefined || kind === null || kind === '') return reject('kind', 'is required: complaint or mention')
  if (!EVENT_KINDS.includes(kind as EventKind)) return reject('kind', `"${truncate(String(kind))}" is not complaint or mention`)
  const source = requiredId(raw, 'source')
  if (isRejection(source)) return { ok: false, ...source }
  const sourceId = requiredId(raw, 'source_id')
  if (isRejection(sourceId)) return { ok: false, ...sourceId }
  if (raw.occurred_at === undefined || raw.occurred_at === null || raw.occurred_at === '') return reject('occurred_at', 'is required')
  const occurredAt = parseInstant(raw.occurred_at)
  if (typeof occurredAt === 'string') return reject('occurred_at', occurredAt)
  if (occurredAt.getTime() - context.now.getTime() > MAX_FUTURE_SKEW_MS) {
    return reject('occurred_at', `${raw.occurred_at} is more than 5 minutes in the future — check the producer's clock and zone`)
  }
  const coordinates = checkCoordinates(raw.lat, raw.lon)
  if (isRejection(coordinates)) return { ok: false, ...coordinates }
  const text = optionalString(raw, 'text', MAX_TEXT_LENGTH)
  if (isRejection(text)) return { ok: false, ...text }
  const address = optionalString(raw, 'address', 500)
  if (isRejection(address)) return { ok: false, ...address }
  const unit = optionalString(raw, 'unit', 64)
  if (isRejection(unit)) return { ok: false, ...unit }
  const category = optionalString(raw, 'category', 64)
  if (isRejection(category)) return { ok: false, ...category }
  if (category !== null && !context.categories.has(category)) {
    return reject('category', `"${truncate(category)}" is not a known category (GET /open311/v2/services.json lists them)`)
  }
  let status: ComplaintStatus | null = null
  if (raw.status !== undefined && raw.status !== null && raw.status !== '') {
    if (kind !== 'complaint') return reject('status', 'only complaints have a status')
    if (!COMPLAINT_STATUSES.includes(raw.status as ComplaintStatus)) {
      return reject('status', `"${truncate(String(raw.status))}" is not one of ${COMPLAINT_STATUSES.join(', ')}`)
    }
    status = raw.status as ComplaintStatus
  } else if (kind === 'complaint') {
    status = 'open'
  }
  let attributes: Record<string, unknown> = {}
  if (raw.attributes !== undefined && raw.attributes !== null) {
    if (!plainObject(raw.attributes)) return reject('attributes', 'must be a JSON object')
    if (JSON.stringify(raw.attributes).length > MAX_ATTRIBUTES_BYTES) {
      return reject('attributes', `is larger than ${MAX_ATTRIBUTES_BYTES} bytes`)
    }
    attributes = raw.attributes
  }
  return {
    ok: true,
    event: {
      kind: kind as EventKind,
      source,
      sourceId,
      occurredAt,
      lat: coordinates.lat,
      lon: coordinates.lon,
      unit,
      text,
      address,
      category,
      status,
      attributes,
      contact: null,
    },
  }
}
