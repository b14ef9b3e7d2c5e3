/**
 * `GET /api/v1/alerts`: `scope` (`city`, the default, or a unit code: the alerts of places it
 * holds) and `state` (`active`, the default, or `all`, which adds those cleared lately) (NLP-6).
 */
import { z } from 'zod'
import { optional, parseQuery, single, unknownParameter } from './query-parameters'
import { quote } from './rejection'
import { CITY_SCOPE } from './windows'

export interface AlertsQuery {
  scope: string
  state: 'active' | 'all'
}

const PARAMETERS = ['scope', 'state']

const schema = z.strictObject(
  {
    scope: optional(single('city or a unit code').max(64, { error: 'is longer than 64 characters; a unit code is shorter' })),
    state: optional(single('active or all').refine((state) => state === 'active' || state === 'all', { error: (issue) => `${quote(issue.input)} is not a state; give active (the default) or all` })),
  },
  unknownParameter(PARAMETERS),
)

export function parseAlertsQuery(raw: Record<string, unknown>): AlertsQuery {
  const query = parseQuery(schema, raw, PARAMETERS)
  return { scope: query.scope ?? CITY_SCOPE, state: query.state === 'all' ? 'all' : 'active' }
}
