/**
 * `GET /api/v1/topics/top`: `scope` (`city`, the default, or a unit code), `period` (`today`, the
 * default, or `week`) and `limit` (1–50, default 10) (NLP-5).
 */
import { z } from 'zod'
import { optional, parseQuery, single, unknownParameter } from './query-parameters'
import { quote } from './rejection'
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
const limitError = `must be a whole number from 1 to ${MAX_TOPICS}`

const schema = z.strictObject(
  {
    scope: optional(single('city or a unit code').max(64, { error: 'is longer than 64 characters; a unit code is shorter' })),
    period: optional(
      single('today or week').refine((period) => (TOPIC_PERIODS as readonly string[]).includes(period), { error: (issue) => `${quote(issue.input)} is not a period; give today (the default) or week` }),
    ),
    limit: optional(single(limitError).regex(/^\d+$/, { error: limitError }).transform(Number).pipe(z.number().int().min(1, { error: limitError }).max(MAX_TOPICS, { error: limitError }))),
  },
  unknownParameter(PARAMETERS),
)

export function parseTopicsQuery(raw: Record<string, unknown>): TopicsQuery {
  const query = parseQuery(schema, raw, PARAMETERS)
  return { scope: query.scope ?? CITY_SCOPE, period: (query.period as TopicPeriod | undefined) ?? 'today', limit: query.limit ?? DEFAULT_TOPICS }
}
