import { Router, type Request, type Response } from 'express'
import { AppError } from '../core/errors'
import type { Intake, IntakeRun, IntakeSummary } from '../ingest/intake'
import { guard, sourceOf } from './access'
import { MAX_BODY_BYTES, NDJSON_TYPES } from './body-limits'
import { answerCutShort, readNdjson, rejectionsAnswer } from './ndjson-body'

export interface EventsRouteDeps {
  intake: Intake
}

function answer(summary: IntakeSummary) {
  return {
    accepted: summary.accepted,
    duplicates: summary.duplicates,
    ...rejectionsAnswer(summary),
  }
}

export function parseAtomic(value: unknown): boolean {
  if (value === undefined || value === '' || value === 'false' || value === '0') return false
  if (value === 'true' || value === '1') return true
  throw new AppError(400, 'bad_request', 'atomic must be true or false', 'atomic')
}

/** A JSON array (or one object): item n is reported as line n. */
async function readJsonArray(req: Request, intake: IntakeRun): Promise<void> {
  const body: unknown = req.body
  if (body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0 && !Array.isArray(body))) {
    throw new AppError(400, 'empty_body', 'body is empty: send a JSON array of events', 'body')
  }
  const items = Array.isArray(body) ? body : [body]
  for (let i = 0; i < items.length; i++) await intake.add(i + 1, items[i])
}

export function eventsRoutes(deps: EventsRouteDeps): Router {
  const router = Router()
  const jsonBody = (req: Request) => req.is('application/json') === 'application/json'

  router.post('/api/v1/events', guard('ingest'), async (req: Request, res: Response) => {
    const atomic = parseAtomic(req.query.atomic)
    const ndjson = Boolean(req.is(NDJSON_TYPES))
    if (!ndjson && !jsonBody(req)) {
      throw new AppError(415, 'unsupported_media_type', `Content-Type must be application/x-ndjson or application/json, got "${req.get('content-type') ?? 'none'}"`, 'content-type')
    }
    const read = (intake: IntakeRun) => (ndjson ? readNdjson(req, intake, MAX_BODY_BYTES) : readJsonArray(req, intake))
    const source = sourceOf(req)

    if (atomic) {
      const summary = await deps.intake.atomically(source, read)
      res.status(summary.rejectedTotal > 0 ? 400 : 200).json(answer(summary))
      return
    }
    const intake = deps.intake.open(source)
    try {
      await read(intake)
    } catch (error) {
      // What was stored stays stored; say so, with the reason the rest was not.
      await intake.finish().catch(() => {})
      if (error instanceof AppError) {
        await answerCutShort(error, req, res, answer(intake.partial()))
        return
      }
      throw error
    }
    const summary = await intake.finish()
    res.status(summary.accepted + summary.duplicates === 0 && summary.rejectedTotal > 0 ? 400 : 200).json(answer(summary))
  })
  return router
}
