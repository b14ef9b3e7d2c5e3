/**
 * The complaint lifecycle over HTTP (LIFE-2, LIFE-4): one status change, a producer's feed of
 * changes, a citizen's rating. Faults answer with the field and the reason and change nothing:
 * 400 a malformed request, 404 an unknown complaint, 409 a change the complaint's state refuses.
 */
import { Router, type Request, type Response } from 'express'
import type { Clock } from '../core/clock'
import { parseRating, parseStatusChange } from '../core/complaint-input'
import { AppError, notFound } from '../core/errors'
import { MAX_FUTURE_SKEW_MS } from '../core/event'
import { isOverdue } from '../core/lifecycle'
import { changeStatuses, rateComplaint } from '../db/complaint-store'
import type { Database } from '../db/database'
import { StatusFeedRun, type StatusFeedSummary } from '../ingest/status-feed'
import { guard, sourceOf } from './access'
import { MAX_BODY_BYTES, NDJSON_TYPES } from './body-limits'
import { answerCutShort, readNdjson, rejectionsAnswer } from './ndjson-body'

export interface ComplaintsRouteDeps {
  db: Database
  clock: Clock
}

const complaintId = (req: Request): string => {
  const id = String(req.params.id ?? '')
  if (!/^\d{1,18}$/.test(id)) throw new AppError(404, 'not_found', `no complaint ${JSON.stringify(id)}: ids are the numbers Open311 answers as service_request_id`, 'id')
  return id
}

const requireJson = (req: Request) => {
  if (req.is('application/json') !== 'application/json') {
    throw new AppError(415, 'unsupported_media_type', `Content-Type must be application/json, got "${req.get('content-type') ?? 'none'}"`, 'content-type')
  }
}

function answer(summary: StatusFeedSummary) {
  return {
    applied: summary.applied,
    duplicates: summary.duplicates,
    ...rejectionsAnswer(summary),
  }
}

export function complaintsRoutes(deps: ComplaintsRouteDeps): Router {
  const router = Router()

  router.post('/api/v1/complaints/status', guard('update:complaint'), async (req: Request, res: Response) => {
    if (!req.is(NDJSON_TYPES)) {
      throw new AppError(415, 'unsupported_media_type', `Content-Type must be application/x-ndjson, got "${req.get('content-type') ?? 'none'}"`, 'content-type')
    }
    const run = new StatusFeedRun(deps, sourceOf(req))
    try {
      await readNdjson(req, run, MAX_BODY_BYTES, 'one JSON status change per line')
    } catch (error) {
      // What was applied stays applied; say so, with the reason the rest was not.
      if (error instanceof AppError) {
        await answerCutShort(error, req, res, answer(run.partial()))
        return
      }
      throw error
    }
    const summary = await run.finish()
    res.status(summary.applied + summary.duplicates === 0 && summary.rejectedTotal > 0 ? 400 : 200).json(answer(summary))
  })

  router.post('/api/v1/complaints/:id/status', guard('update:complaint'), async (req: Request, res: Response) => {
    const id = complaintId(req)
    requireJson(req)
    const now = deps.clock.now()
    const parsed = parseStatusChange(req.body, now)
    if (!parsed.ok) throw new AppError(400, 'bad_request', parsed.reason, parsed.field)
    const [outcome] = await changeStatuses(deps.db, [{ id, ...parsed.change }], { actor: sourceOf(req), now, skewMs: MAX_FUTURE_SKEW_MS })
    if (!outcome || outcome.kind === 'unknown') throw notFound(`no complaint ${id}`)
    if (outcome.kind === 'refused') throw new AppError(outcome.field === 'unit' ? 400 : 409, outcome.field === 'unit' ? 'bad_request' : 'conflict', outcome.reason, outcome.field)
    const state = outcome.state
    res.json({
      id,
      status: state.status,
      at: state.statusAt.toISOString(),
      duplicate: outcome.kind === 'duplicate',
      due_at: state.dueAt.toISOString(),
      overdue: isOverdue(state, now),
    })
  })

  router.post('/api/v1/complaints/:id/rating', guard('update:complaint'), async (req: Request, res: Response) => {
    const id = complaintId(req)
    requireJson(req)
    const parsed = parseRating(req.body)
    if (!parsed.ok) throw new AppError(400, 'bad_request', parsed.reason, parsed.field)
    const outcome = await rateComplaint(deps.db, id, parsed.score, parsed.comment, deps.clock.now())
    if (outcome.kind === 'unknown') throw notFound(`no complaint ${id}`)
    if (outcome.kind === 'not_resolved') throw new AppError(409, 'conflict', `the complaint is ${outcome.status}: it can be rated once it is resolved or closed`, 'status')
    if (outcome.kind === 'already_rated') throw new AppError(409, 'conflict', `the complaint was already rated at ${outcome.ratedAt.toISOString()}; a rating is taken once`, 'score')
    res.status(201).json({ id, score: parsed.score })
  })

  return router
}
