/**
 * What producers and officers send to change a complaint (LIFE-2, LIFE-4): one status change, a
 * line of a bulk feed, a rating. Pure zod schemas; the lifecycle rules themselves live in
 * lifecycle.ts and need the complaint's state.
 */
import { z } from 'zod'
import { boundSource, instant, optionalText, producerId } from './event'
import { LIFECYCLE_STATUSES } from './lifecycle'
import { firstRejection, given, quote, type Rejection } from './rejection'

const status = z.enum(LIFECYCLE_STATUSES, {
  error: (issue) => (given(issue.input) ? `${quote(issue.input)} is not one of ${LIFECYCLE_STATUSES.join(', ')}` : `is required: one of ${LIFECYCLE_STATUSES.join(', ')}`),
})
const unit = optionalText(64)
const note = optionalText(2000)
const at = z.preprocess((value) => (value === '' || value === null ? undefined : value), instant)

const CHANGE_FIELDS = ['status', 'at', 'unit', 'note']
const LINE_FIELDS = ['source', 'source_id', ...CHANGE_FIELDS]

/** Faults of the object itself: a field it does not have, or not an object at all. */
const unknownField = (fields: readonly string[]) => ({
  error: (issue: { code?: string }) => {
    if (issue.code === 'unrecognized_keys') return `is not a field here; the fields are ${fields.join(', ')}`
    if (issue.code === 'invalid_type') return `must be a JSON object with the fields ${fields.join(', ')}`
    return undefined
  },
})

/** `POST /api/v1/complaints/{id}/status`: `at` defaults to now. */
const changeSchema = (now: Date) =>
  z
    .strictObject({ status, at: at.optional(), unit, note }, unknownField(CHANGE_FIELDS))
    .transform((body) => ({ status: body.status, at: body.at ?? now, unit: body.unit || null, note: body.note || null }))

export type StatusChangeInput = z.output<ReturnType<typeof changeSchema>>

export function parseStatusChange(body: unknown, now: Date): { ok: true; change: StatusChangeInput } | ({ ok: false } & Rejection) {
  const parsed = changeSchema(now).safeParse(body)
  if (parsed.success) return { ok: true, change: parsed.data }
  return { ok: false, ...firstRejection(parsed.error, { root: '(body)', order: CHANGE_FIELDS }) }
}

/**
 * A line of `POST /api/v1/complaints/status`: the complaint named as its producer knows it. The
 * key's source is the line's (ING-8): a producer changes only the complaints it filed. `at` is
 * required: a feed says when each change happened.
 */
export function statusLineSchema(source: string) {
  return z
    .strictObject({ source: boundSource(source), source_id: producerId, status, at, unit, note }, unknownField(LINE_FIELDS))
    .transform((line) => ({ sourceId: String(line.source_id), status: line.status, at: line.at, unit: line.unit || null, note: line.note || null }))
}

export type StatusLine = z.output<ReturnType<typeof statusLineSchema>>

export function parseStatusLine(schema: ReturnType<typeof statusLineSchema>, raw: unknown): { ok: true; line: StatusLine } | ({ ok: false } & Rejection) {
  const parsed = schema.safeParse(raw)
  if (parsed.success) return { ok: true, line: parsed.data }
  return { ok: false, ...firstRejection(parsed.error, { root: '(line)', order: LINE_FIELDS }) }
}

const ratingSchema = z.strictObject(
  {
    score: z
      .number({ error: (issue) => (given(issue.input) ? 'must be a whole number from 1 to 5' : 'is required: a whole number from 1 to 5') })
      .int({ error: 'must be a whole number from 1 to 5' })
      .min(1, { error: (issue) => `${issue.input} is out of range: the score is 1 (very unhappy) to 5 (very satisfied)` })
      .max(5, { error: (issue) => `${issue.input} is out of range: the score is 1 (very unhappy) to 5 (very satisfied)` }),
    comment: optionalText(2000),
  },
  unknownField(['score', 'comment']),
)

export function parseRating(body: unknown): { ok: true; score: number; comment: string | null } | ({ ok: false } & Rejection) {
  const parsed = ratingSchema.safeParse(body)
  if (parsed.success) return { ok: true, score: parsed.data.score, comment: parsed.data.comment || null }
  return { ok: false, ...firstRejection(parsed.error, { root: '(body)', order: ['score', 'comment'] }) }
}
