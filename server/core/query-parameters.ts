/**
 * Query strings of the read routes (performance, alerts, topics): how a parameter is given, which
 * parameters a route takes, and a fault as a 400 naming the parameter. Pure.
 */
import { z } from 'zod'
import { AppError } from './errors'
import { firstRejection, given } from './rejection'

/** Read by the access guard (server/http/access.ts), so it may ride along on any read. */
const CREDENTIALS = 'api_key'

/** Blank is not given. */
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (given(value) ? value : undefined), schema.optional())

/** One value; a parameter repeated arrives as an array. */
export const single = (what: string) => z.string({ error: (issue) => (Array.isArray(issue.input) ? 'is given twice; give it once' : `must be ${what}`) })

/** For z.strictObject: a parameter the route does not take is named, with those it does. */
export const unknownParameter = (parameters: readonly string[]) => ({
  error: (issue: { code?: string }) => (issue.code === 'unrecognized_keys' ? `is not a parameter here; the parameters are ${parameters.join(', ')}` : undefined),
})

/** Parses a route's query (less the credentials), or throws its first fault, by `order`, as a 400. */
export function parseQuery<T>(schema: z.ZodType<T>, raw: Record<string, unknown>, order: readonly string[]): T {
  const { [CREDENTIALS]: _credentials, ...query } = raw
  const parsed = schema.safeParse(query)
  if (parsed.success) return parsed.data
  const { field, reason } = firstRejection(parsed.error, { root: '(query)', order })
  throw new AppError(400, 'bad_request', reason, field)
}
