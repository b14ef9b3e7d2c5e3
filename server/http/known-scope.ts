import { AppError } from '../core/errors'
import { CITY_SCOPE } from '../core/windows'
import type { Queryable } from '../db/database'
import { namedQuery } from '../db/queries'

/** A read route's `scope`: `city`, or a stored unit's code; any other is a 400 that says what to give. */
export async function requireKnownScope(db: Queryable, scope: string): Promise<void> {
  if (scope === CITY_SCOPE) return
  const { rows } = await db.query<{ code: string }>(namedQuery('unknown-units'), [[scope]])
  if (rows.length > 0) throw new AppError(400, 'bad_request', `no unit coded "${scope}" — give city or a unit code (GET /api/v1/boundaries?level=… lists them)`, 'scope')
}
