/**
 * When a wall whose protocol the server refuses (LIVE-10) may reload. A reload normally fetches the
 * bundle that speaks the server's version; one that comes back to the same refusal (a server
 * mid-rollout, a cache serving the old bundle) must not reload in a tight loop, so reloads are at
 * most one per back-off, remembered across reloads in sessionStorage. Pure: time comes in.
 */

/** At most one reload per this long: long enough to spare a server being rolled out, short for a screen. */
export const PROTOCOL_RELOAD_BACKOFF_MS = 45_000

/** sessionStorage key holding when this tab last reloaded for a protocol mismatch (ms epoch). */
export const PROTOCOL_RELOAD_KEY = 'opswall.protocolReloadAt'

/**
 * When to reload (ms epoch; `now` means at once): immediately unless the last reload was less than
 * a back-off ago, else a back-off after it. A last reload "in the future" means the clock was set
 * back: it proves nothing about this page, so it does not hold the screen back.
 */
export function nextReloadAt(now: number, lastReloadAt: number | null, backoffMs = PROTOCOL_RELOAD_BACKOFF_MS): number {
  if (lastReloadAt === null || lastReloadAt > now || now - lastReloadAt >= backoffMs) return now
  return lastReloadAt + backoffMs
}

/** The stored instant of the last reload; anything else (absent, edited, garbled) is no reload. */
export function parseLastReload(stored: string | null): number | null {
  if (stored === null || !/^\d{1,15}$/.test(stored)) return null
  return Number(stored)
}

/** Where the last reload is remembered: the tab's sessionStorage on the wall. */
export interface ReloadMemory {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/**
 * When this page should reload for a protocol mismatch (`now`: at once), recording the reload when
 * it is now. A storage that cannot be read or cannot remember (disabled, full) would let every page
 * reload at once, so then the page holds back a whole back-off by itself.
 */
export function protocolReloadAt(memory: ReloadMemory, now: number, backoffMs = PROTOCOL_RELOAD_BACKOFF_MS): number {
  let last: number | null
  try {
    last = parseLastReload(memory.getItem(PROTOCOL_RELOAD_KEY))
  } catch {
    return now + backoffMs
  }
  const at = nextReloadAt(now, last, backoffMs)
  if (at > now) return at
  try {
    memory.setItem(PROTOCOL_RELOAD_KEY, String(now))
    if (memory.getItem(PROTOCOL_RELOAD_KEY) === String(now)) return now
  } catch {
    // Falls through: nothing remembers this reload.
  }
  return now + backoffMs
}
