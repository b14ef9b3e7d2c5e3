/**
 * `GET /api/v1/alerts`: `scope` (`city`, the default, or a unit code: the alerts of places it
 * holds) and `state` (`active`, the default, or `all`, which adds those cleared lately) (NLP-6).
 */
import { z } from 'zod'
import { AppError } from './errors'
import { firstRejection, given, quote } from './rejection'
import { CITY_SCOPE } from './windows'

export interface AlertsQuery {
  scope: string
  state: 'active' | 'all'
}

const PARAMETERS = ['scope', 'state']
/** Read by the access guard (server/http/access.ts), so it may ride along on any read. */
const CREDENTIALS = 'api_key'

const single = (what: string) => z.string({ error: (issue) => (Array.isArray(issue.input) ? 'is given twice; give it once' : `must be ${what}`) })
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (given(value) ? value : undefined), schema.optional())

const schema = z.strictObject(
  {
    scope: optional(single('city or a unit code').max(64, { error: 'is longer than 64 characters; a unit code is shorter' })),
    state: optional(single('active or all').refine((state) => state === 'active' || state === 'all', { error: (issue) => `${quote(issue.input)} is not a state; give active (the default) or all` })),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `is not a parameter here; the parameters are ${PARAMETERS.join(', ')}` : undefined) },
)

export function parseAlertsQuery(raw: Record<string, unknown>): AlertsQuery {
  const { [CREDENTIALS]: _credentials, ...query } = raw
  const parsed = schema.safeParse(query)
  if (!parsed.success) {
    const { field, reason } = firstRejection(parsed.error, { root: '(query)', order: PARAMETERS })
    throw new AppError(400, 'bad_request', reason, field)
  }
  return { scope: parsed.data.scope ?? CITY_SCOPE, state: parsed.data.state === 'all' ? 'all' : 'active' }
}
