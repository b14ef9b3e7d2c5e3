/**
 * `GET /api/v1/topics/top`: `scope` (`city`, the default, or a unit code), `period` (`today`, the
 * default, or `week`) and `limit` (1–50, default 10) (NLP-5).
 */
import { z } from 'zod'
import { AppError } from './errors'
import { firstRejection, given, quote } from './rejection'
import { TOPIC_PERIODS, type TopicPeriod } from './topics'
import { CITY_SCOPE } from './windows'

export interface TopicsQuery {
  scope: string
  period: TopicPeriod
  limit: number
}

export const MAX_TOPICS = 50
export const DEFAULT_TOPICS = 10

const PARAMETERS = ['scope', 'period', 'limit']
/** Read by the access guard (server/http/access.ts), so it may ride along on any read. */
const CREDENTIALS = 'api_key'

const single = (what: string) => z.string({ error: (issue) => (Array.isArray(issue.input) ? 'is given twice; give it once' : `must be ${what}`) })
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (given(value) ? value : undefined), schema.optional())
const limitError = `must be a whole number from 1 to ${MAX_TOPICS}`

const schema = z.strictObject(
  {
    scope: optional(single('city or a unit code').max(64, { error: 'is longer than 64 characters; a unit code is shorter' })),
    period: optional(
      single('today or week').refine((period) => (TOPIC_PERIODS as readonly string[]).includes(period), { error: (issue) => `${quote(issue.input)} is not a period; give today (the default) or week` }),
    ),
    limit: optional(single(limitError).regex(/^\d+$/, { error: limitError }).transform(Number).pipe(z.number().int().min(1, { error: limitError }).max(MAX_TOPICS, { error: limitError }))),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `is not a parameter here; the parameters are ${PARAMETERS.join(', ')}` : undefined) },
)

export function parseTopicsQuery(raw: Record<string, unknown>): TopicsQuery {
  const { [CREDENTIALS]: _credentials, ...query } = raw
  const parsed = schema.safeParse(query)
  if (!parsed.success) {
    const { field, reason } = firstRejection(parsed.error, { root: '(query)', order: PARAMETERS })
    throw new AppError(400, 'bad_request', reason, field)
  }
  return { scope: parsed.data.scope ?? CITY_SCOPE, period: (parsed.data.period as TopicPeriod | undefined) ?? 'today', limit: parsed.data.limit ?? DEFAULT_TOPICS }
}
