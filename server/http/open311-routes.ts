import { randomUUID } from 'node:crypto'
import { Router, type Request } from 'express'
import type { Taxonomy } from '../core/categories'
import type { Clock } from '../core/clock'
import { AppError, notFound } from '../core/errors'
import { checkJurisdiction, discovery, open311Field, open311ToEvent, parseLocale, parseRequestFilters, toRequest, type RequestRow } from '../core/open311'
import { toServiceDefinition, toServices } from '../core/open311-services'
import type { Database } from '../db/database'
import { namedQuery } from '../db/queries'
import type { Intake } from '../ingest/intake'
import type { IngestMetrics } from '../metrics'
import { guard, sourceOf } from './access'
import { sendOpen311 } from './open311-format'

export interface Open311Deps {
  db: Database
  intake: Intake
  taxonomy: Taxonomy
  /** The jurisdiction_id served (OPEN311-3). */
  jurisdiction: string
  clock: Clock
  /** Public base URL for discovery, e.g. http://127.0.0.1:8080 */
  baseUrl: () => string
  metrics?: IngestMetrics
}

const BASE = '/open311/v2'
const POST_TYPES = ['application/x-www-form-urlencoded', 'application/json']

/** A resource in both of the spec's formats: `name.json` and `name.xml` (XML is the spec's default). */
const both = (name: string) => [`${BASE}/${name}.json`, `${BASE}/${name}.xml`]

/** GeoReport v2 (OPEN311-*). Errors answer `[{code, description}]` or `<errors>` (server/http/errors.ts). */
export function open311Routes(deps: Open311Deps): Router {
  const router = Router()
  const byCode = new Map(deps.taxonomy.categories.map((c) => [c.code, c]))

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

  // A POST body of another type is not read, so a key inside it is never seen: say so (415) before
  // the key check would answer "send a valid api_key" and send the producer looking in the wrong
  // place. It only refuses; the route itself still starts with its guard.
  router.use(both('requests'), (req, _res, next) => {
    if (req.method === 'POST' && !req.is(POST_TYPES)) {
      throw new AppError(415, 'unsupported_media_type', `send application/x-www-form-urlencoded or application/json, not "${req.get('content-type') ?? 'none'}"`, 'content-type')
    }
    next()
  })

  // Every route takes jurisdiction_id, in the query or the form; it only refuses, as above.
  router.use(BASE, (req, _res, next) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    checkJurisdiction(req.query.jurisdiction_id ?? body.jurisdiction_id, deps.jurisdiction)
    next()
  })

  router.get(both('discovery'), guard('read:public'), (req, res) => {
    sendOpen311(req, res, { root: 'discovery', body: discovery(`${deps.baseUrl()}${BASE}`, deps.jurisdiction) })
  })

  router.get(both('services'), guard('read:public'), (req, res) => {
    sendOpen311(req, res, { root: 'services', item: 'service', body: toServices(deps.taxonomy, parseLocale(req.query.locale)) })
  })

  router.get(both('services/:code'), guard('read:public'), (req, res) => {
    const code = String(req.params.code ?? '')
    const category = byCode.get(code)
    if (!category) throw notFound(`no service "${code.slice(0, 64)}" — GET services.json lists them`)
    sendOpen311(req, res, { root: 'service_definition', body: toServiceDefinition(category, parseLocale(req.query.locale)) })
  })

  router.get(both('requests'), guard('read:events'), async (req, res) => {
    const locale = parseLocale(req.query.locale)
    const rows = await listRequests(req.query as Record<string, unknown>)
    sendOpen311(req, res, { root: 'service_requests', item: 'request', body: rows.map((row) => toRequest(row, byCode, locale)) })
  })

  router.get(both('requests/:id'), guard('read:events'), async (req, res) => {
    const id = String(req.params.id ?? '')
    if (!/^\d{1,18}$/.test(id)) throw notFound(`no service request ${id.slice(0, 64)}`)
    const locale = parseLocale(req.query.locale)
    const rows = await listRequests({ service_request_id: id })
    if (rows.length === 0) throw notFound(`no service request ${id}`)
    sendOpen311(req, res, { root: 'service_requests', item: 'request', body: rows.map((row) => toRequest(row, byCode, locale)) })
  })

  router.post(both('requests'), guard('ingest'), async (req: Request, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const source = sourceOf(req)
    // Open311 has no request key of its own: an Idempotency-Key makes retries safe.
    const idempotencyKey = req.get('idempotency-key') ?? (typeof body.idempotency_key === 'string' ? body.idempotency_key : undefined)
    const sourceId = idempotencyKey ?? randomUUID()
    // Rejections are counted under the field the answer names, as for bulk lines (`attribute[code]` as
    // `attribute`: codes are the caller's to choose); the intake counts its own.
    let converted: ReturnType<typeof open311ToEvent>
    try {
      converted = open311ToEvent(body, { sourceId, now: deps.clock.now(), taxonomy: deps.taxonomy })
    } catch (error) {
      if (error instanceof AppError) deps.metrics?.rejected(source, (error.field ?? 'body').replace(/\[.*$/, ''))
      throw error
    }
    const result = await deps.intake.ingestOne(source, converted.raw, converted.contact)
    if (!result.ok) throw new AppError(400, 'bad_request', result.reason, open311Field(result.field))
    const stored = result.stored
    const id = stored?.id ?? (await deps.db.query<{ id: string }>(namedQuery('event-id-by-source'), [source, sourceId])).rows[0]?.id
    const category = byCode.get(result.event.category ?? '')
    res.status(stored ? 201 : 200)
    sendOpen311(req, res, {
      root: 'service_requests',
      item: 'request',
      body: [
        {
          service_request_id: id,
          service_notice: category ? `Expected within ${category.sla_hours} h / Dự kiến xử lý trong ${category.sla_hours} giờ` : null,
          account_id: null,
        },
      ],
    })
  })

  return router
}
