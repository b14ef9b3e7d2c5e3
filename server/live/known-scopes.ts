/**
 * Which scopes a subscription may name (LIVE-2): `city` and the stored boundary codes, held in
 * memory. A code not held reloads the list at most once per `refreshMs` of the clock, so a boundary
 * imported later is found within that time, and a flood of made-up scopes costs the database one
 * query per period, not one per subscribe (LIVE-9).
 */
import type { Clock } from '../core/clock'

export function knownScopes(load: () => Promise<string[]>, clock: Clock, refreshMs = 5000): (scope: string) => Promise<boolean> {
  let codes = new Set<string>()
  let loadedAt = -Infinity
  let loading: Promise<void> | null = null
  const reload = () =>
    (loading ??= load()
      .then((list) => {
        codes = new Set(list)
        loadedAt = clock.now().getTime()
      })
      .finally(() => (loading = null)))
  return async (scope) => {
    if (codes.has(scope)) return true
    if (clock.now().getTime() - loadedAt >= refreshMs) await reload()
    else if (loading) await loading
    return codes.has(scope)
  }
}
