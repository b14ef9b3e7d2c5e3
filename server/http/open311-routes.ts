import { randomUUID } from 'node:crypto'
import { Router, type Request } from 'express'
import type { Category } from '../core/categories'
import type { Clock } from '../core/clock'
import type { LifecycleStatus } from '../core/lifecycle'
import { AppError, notFound } from '../core/errors'
import {
  open311Field,
  open311ToEvent,
  parseLocale,
  parseRequestFilters,
  toOpen311Status,
  toService,
} from '../core/open311'
import { maskPersonalData } from '../core/privacy'
import type { Database } from '../db/database'
import { namedQuery } from '../db/queries'
import type { Intake } from '../ingest/intake'
import type { IngestMetrics } from '../metrics'
import { guard, sourceOf } from './access'

export interface Open311Deps {
  db: Database
  intake: Intake
  categories: readonly Category[]
  clock: Clock
  /** Public base URL for discovery, e.g. http://127.0.0.1:8080 */
  baseUrl: () => string
  metrics?: IngestMetrics
}

interface RequestRow {
  service_request_id: string
  status: LifecycleStatus
  service_code: string | null
  description: string | null
  address: string | null
  requested_datetime: Date
  updated_datetime: Date
  lat: number | null
  long: number | null
  media_url: string | null
  units: string[]
}

const BASE = '/open311/v2'
const POST_TYPES = ['application/x-www-form-urlencoded', 'application/json']

/** GeoReport v2, JSON format. Errors answer `[{code, description}]` (server/http/errors.ts). */
export function open311Routes(deps: Open311Deps): Router {
  const router = Router()
  const byCode = new Map(deps.categories.map((c) => [c.code, c]))

  const toRequest = (row: RequestRow, locale: 'vi' | 'en') => ({
    service_request_id: row.service_request_id,
    status: toOpen311Status(row.status),
    status_notes: null,
    service_name: row.service_code ? (byCode.get(row.service_code)?.name[locale] ?? row.service_code) : null,
    service_code: row.service_code,
    // Callers often say their name and number in the description; a public list must not.
    description: maskPersonalData(row.description),
    // The top-level unit the request lies in (a district, or a ward where there are no districts).
    agency_responsible: row.units[0] ?? null,
    service_notice: null,
    requested_datetime: new Date(row.requested_datetime).toISOString(),
    updated_datetime: new Date(row.updated_datetime).toISOString(),
    expected_datetime: expectedAt(row),
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.long,
    media_url: row.media_url,
  })

  const expectedAt = (row: RequestRow) => {
    const hours = row.service_code ? byCode.get(row.service_code)?.sla_hours : undefined
    return hours ? new Date(new Date(row.requested_datetime).getTime() + hours * 3_600_000).toISOString() : null
  }

  const listRequests = async (query: Record<string, unknown>) => {
    const filters = parseRequestFilters(query, deps.clock.now())
    const result = await deps.db.query<RequestRow>(namedQuery('open311-requests'), [
      filters.ids,
      filters.serviceCodes,
      filters.start?.toISOString() ?? null,
      filters.end?.toISOString() ?? null,
      filters.statuses,
      filters.limit,
      filters.offset,
    ])
    return result.rows
  }

  router.get(`${BASE}/discovery.json`, guard('read:public'), (_req, res) => {
    res.json({
      changeset: '2026-11-24T00:00:00Z',
      contact: 'OpsWall operations centre',
      key_service: 'API keys are issued by the operations centre administrator',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${deps.baseUrl()}${BASE}`,
          changeset: '2026-11-24T00:00:00Z',
          type: 'production',
          formats: ['application/json'],
        },
      ],
    })
  })

  router.get(`${BASE}/services.json`, guard('read:public'), (req, res) => {
    const locale = parseLocale(req.query.locale)
    res.json(deps.categories.map((c) => toService(c, locale)))
  })

  router.get(`${BASE}/requests.json`, guard('read:events'), async (req, res) => {
    const locale = parseLocale(req.query.locale)
    const rows = await listRequests(req.query as Record<string, unknown>)
    res.json(rows.map((row) => toRequest(row, locale)))
  })

  router.get(`${BASE}/requests/:id.json`, guard('read:events'), async (req, res) => {
    const id = String(req.params.id ?? '')
    if (!/^\d{1,18}$/.test(id)) throw notFound(`no service request ${id}`)
    const rows = await listRequests({ service_request_id: id })
    if (rows.length === 0) throw notFound(`no service request ${id}`)
    res.json(rows.map((row) => toRequest(row, parseLocale(req.query.locale))))
  })

  // A POST body of another type is not read, so a key inside it is never seen: say so (415) before
  // the key check would answer "send a valid api_key" and send the producer looking in the wrong
  // place. It only refuses; the route itself still starts with its guard.
  router.use(`${BASE}/requests.json`, (req, _res, next) => {
    if (req.method === 'POST' && !req.is(POST_TYPES)) {
      throw new AppError(415, 'unsupported_media_type', `send application/x-www-form-urlencoded or application/json, not "${req.get('content-type') ?? 'none'}"`, 'content-type')
    }
    next()
  })

  router.post(`${BASE}/requests.json`, guard('ingest'), async (req: Request, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const source = sourceOf(req)
    // Open311 has no request key of its own: an Idempotency-Key makes retries safe.
    const idempotencyKey = req.get('idempotency-key') ?? (typeof body.idempotency_key === 'string' ? body.idempotency_key : undefined)
    const sourceId = idempotencyKey ?? randomUUID()
    // Rejections are counted under the field the answer names, as for bulk lines; the intake counts its own.
    let converted: ReturnType<typeof open311ToEvent>
    try {
      converted = open311ToEvent(body, { sourceId, now: deps.clock.now() })
    } catch (error) {
      if (error instanceof AppError) deps.metrics?.rejected(source, error.field ?? 'body')
      throw error
    }
    const result = await deps.intake.ingestOne(source, converted.raw, converted.contact)
    if (!result.ok) throw new AppError(400, 'bad_request', result.reason, open311Field(result.field))
    const stored = result.stored
    const id = stored?.id ?? (await deps.db.query<{ id: string }>(namedQuery('event-id-by-source'), [source, sourceId])).rows[0]?.id
    const category = byCode.get(result.event.category ?? '')
    res.status(stored ? 201 : 200).json([
      {
        service_request_id: id,
        service_notice: category ? `Expected within ${category.sla_hours} h / Dự kiến xử lý trong ${category.sla_hours} giờ` : null,
        account_id: null,
      },
    ])
  })

  return router
}
