/**
 * Strict parsing of `subscribe` requests and the room a subscription lives in (LIVE-2, LIVE-3).
 * Pure: returns the request or the first problem with the field at fault.
 */
import { MAP_RESOLUTIONS, isMapResolution } from './h3'
import { LAYERS, WINDOWS, type ErrorBody, type Layer, type SubscribeRequest, type WindowName } from './protocol'

/** Unit codes are data (imported boundaries); this keeps room names unambiguous and short. */
const SCOPE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/
/** `<scope>|<layers>|<res>|<window>@<epoch>` as given in a snapshot. */
const SUBSCRIPTION_PATTERN = /^[A-Za-z0-9_.,|@-]{1,200}$/
const ALLOWED_KEYS = new Set(['scope', 'layers', 'res', 'window', 'resumeFrom'])

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ErrorBody }

const invalid = (field: string, message: string): { ok: false; error: ErrorBody } => ({
  ok: false,
  error: { code: 'bad_request', message, field },
})

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function parseSubscribeRequest(raw: unknown): Parsed<SubscribeRequest> {
  if (!isPlainObject(raw)) return invalid('(request)', 'subscribe expects an object {scope, layers, res, window}')
  for (const key of Object.keys(raw)) if (!ALLOWED_KEYS.has(key)) return invalid(key, `unknown field "${key.slice(0, 40)}"`)
  const { scope, layers, res, window, resumeFrom } = raw
  if (typeof scope !== 'string' || !SCOPE_PATTERN.test(scope)) {
    return invalid('scope', 'must be "city" or a unit code such as a district code (letters, digits, _ . -)')
  }
  if (!Array.isArray(layers) || layers.length === 0) return invalid('layers', `must be a non-empty array of ${LAYERS.join(', ')}`)
  for (const layer of layers) {
    if (!LAYERS.includes(layer as Layer)) return invalid('layers', `"${String(layer).slice(0, 40)}" is not one of ${LAYERS.join(', ')}`)
  }
  if (new Set(layers).size !== layers.length) return invalid('layers', 'lists a layer twice')
  if (typeof res !== 'number' || !isMapResolution(res)) return invalid('res', `must be one of ${MAP_RESOLUTIONS.join(', ')}`)
  if (typeof window !== 'string' || !WINDOWS.includes(window as WindowName)) return invalid('window', `must be one of ${WINDOWS.join(', ')}`)
  const request: SubscribeRequest = { scope, layers: sortLayers(layers as Layer[]), res, window: window as WindowName }
  if (resumeFrom !== undefined) {
    if (!isPlainObject(resumeFrom)) return invalid('resumeFrom', 'must be {subscription, seq}')
    const { subscription, seq } = resumeFrom
    if (typeof subscription !== 'string' || !SUBSCRIPTION_PATTERN.test(subscription)) return invalid('resumeFrom.subscription', 'must be a subscription id from a snapshot')
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) return invalid('resumeFrom.seq', 'must be a non-negative integer')
    request.resumeFrom = { subscription, seq }
  }
  return { ok: true, value: request }
}

export function parseSubscriptionId(raw: unknown): Parsed<string> {
  if (typeof raw !== 'string' || !SUBSCRIPTION_PATTERN.test(raw)) return invalid('subscription', 'must be a subscription id from a snapshot')
  return { ok: true, value: raw }
}

const sortLayers = (layers: Layer[]): Layer[] => LAYERS.filter((layer) => layers.includes(layer))

/**
 * The subscription id is the room: every screen asking the same question shares one seq stream
 * (SEQ-1). Layers are sorted so `[mentions, complaints]` and `[complaints, mentions]` share it.
 */
export function subscriptionId(request: Pick<SubscribeRequest, 'scope' | 'layers' | 'res' | 'window'>): string {
  return `${request.scope}|${sortLayers(request.layers).join(',')}|${request.res}|${request.window}`
}

/**
 * The id handed to clients: the room plus the epoch of the seq stream (node and incarnation), so
 * that a seq from another node or an earlier incarnation is never taken for one of this stream (SEQ-4).
 */
export const withEpoch = (room: string, epoch: string) => `${room}@${epoch}`
export function splitEpoch(id: string): { room: string; epoch: string } {
  const at = id.lastIndexOf('@')
  return at < 0 ? { room: id, epoch: '' } : { room: id.slice(0, at), epoch: id.slice(at + 1) }
}

/** The inverse of subscriptionId, for ids that came back from a client. */
export function requestOfSubscription(id: string): Pick<SubscribeRequest, 'scope' | 'layers' | 'res' | 'window'> | null {
  const [scope, layers, res, window, extra] = id.split('|')
  if (extra !== undefined || scope === undefined || layers === undefined || res === undefined || window === undefined) return null
  const parsed = parseSubscribeRequest({ scope, layers: layers.split(','), res: Number(res), window })
  return parsed.ok ? parsed.value : null
}

/** Room of the masked ticker of one scope. */
export const tickerRoom = (scope: string) => `ticker|${scope}`
