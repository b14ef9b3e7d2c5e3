/**
 * Strict parsing of `subscribe` requests and the room a subscription lives in (LIVE-2, LIVE-3).
 * Pure: the zod schemas below own the rules and the `SubscribeRequest` type; a parse returns the
 * request or the first problem with the field at fault.
 */
import { z } from 'zod'
import { MAP_RESOLUTIONS } from './h3'
import { LAYERS, WINDOWS, type ErrorBody, type Layer } from './protocol'
import { firstRejection, quote } from './rejection'

/** Unit codes are data (imported boundaries); this keeps room names unambiguous and short. */
const SCOPE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/
/** `<scope>|<layers>|<res>|<window>@<epoch>` as given in a snapshot. */
const SUBSCRIPTION_PATTERN = /^[A-Za-z0-9_.,|@-]{1,200}$/

const SUBSCRIPTION_MESSAGE = 'must be a subscription id from a snapshot'
const subscriptionIdSchema = z.string({ error: SUBSCRIPTION_MESSAGE }).regex(SUBSCRIPTION_PATTERN, { error: SUBSCRIPTION_MESSAGE })

const SCOPE_MESSAGE = 'must be "city" or a unit code such as a district code (letters, digits, _ . -)'
const LAYERS_MESSAGE = `must be a non-empty array of ${LAYERS.join(', ')}`
const SEQ_MESSAGE = 'must be a non-negative integer'

const subscribeRequestSchema = z.strictObject(
  {
    scope: z.string({ error: SCOPE_MESSAGE }).regex(SCOPE_PATTERN, { error: SCOPE_MESSAGE }),
    layers: z
      .array(z.enum(LAYERS, { error: (issue) => `${quote(issue.input)} is not one of ${LAYERS.join(', ')}` }), { error: LAYERS_MESSAGE })
      .min(1, { error: LAYERS_MESSAGE })
      .refine((layers) => new Set(layers).size === layers.length, { error: 'lists a layer twice' })
      .transform((layers) => sortLayers(layers)),
    res: z.literal(MAP_RESOLUTIONS, { error: `must be one of ${MAP_RESOLUTIONS.join(', ')}` }),
    window: z.enum(WINDOWS, { error: `must be one of ${WINDOWS.join(', ')}` }),
    /** Resume after a reconnect: the subscription's last seq the client applied. */
    resumeFrom: z
      .object(
        {
          subscription: subscriptionIdSchema,
          seq: z.int({ error: SEQ_MESSAGE }).min(0, { error: SEQ_MESSAGE }),
        },
        { error: 'must be {subscription, seq}' },
      )
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown field ${quote(issue.keys[0])}` : 'subscribe expects an object {scope, layers, res, window}',
  },
)

/** `scope` is `city` or a boundary code (district, ward… — levels are data). */
export type SubscribeRequest = z.output<typeof subscribeRequestSchema>

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ErrorBody }

function parse<T>(schema: z.ZodType<T>, raw: unknown, root: string): Parsed<T> {
  const parsed = schema.safeParse(raw)
  if (parsed.success) return { ok: true, value: parsed.data }
  const { field, reason } = firstRejection(parsed.error, { root })
  return { ok: false, error: { code: 'bad_request', message: reason, field } }
}

export const parseSubscribeRequest = (raw: unknown): Parsed<SubscribeRequest> => parse(subscribeRequestSchema, raw, '(request)')

export const parseSubscriptionId = (raw: unknown): Parsed<string> => parse(subscriptionIdSchema, raw, 'subscription')

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
