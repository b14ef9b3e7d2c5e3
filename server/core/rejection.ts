/** A failed zod parse as the one fault we report: the field and what to do about it. Pure. */
import type { z } from 'zod'

export interface Rejection {
  /** The input at fault as a dotted path (`resumeFrom.seq`); array positions are not part of it. */
  field: string
  reason: string
}

/** Unset, null and the empty string all mean "not given" on our inputs (JSON, forms, query strings). */
export const given = (value: unknown): boolean => value !== undefined && value !== null && value !== ''

/** Quotes a bad value in a message without letting a long one take the message over. */
export function quote(value: unknown, max = 40): string {
  const text = String(value)
  return `"${text.length > max ? text.slice(0, max) + '…' : text}"`
}

export interface RejectionOptions {
  /** The name of the whole input, for faults of the input itself (not an object…). */
  root: string
  /** The fields in reading order: the first field at fault is reported, whichever rule found it. */
  order?: readonly string[]
  /**
   * Rules across fields (lat with lon, start before end), each a schema of its own few fields.
   * Zod runs a schema's whole-object rules only once every field parsed; after a failed parse
   * these run alone on the input, so that their fault still ranks before a later field's.
   */
  crossField?: { input: unknown; rules: readonly z.ZodType[] }
}

/**
 * The first fault of a failed parse. Unknown fields come first: a request with a field we do not
 * know is read no further. Then faults rank by `order`, else in zod's order.
 */
export function firstRejection(error: z.core.$ZodError, options: RejectionOptions): Rejection {
  const issues = [...error.issues]
  for (const rule of options.crossField?.rules ?? []) {
    const parsed = rule.safeParse(options.crossField!.input)
    if (!parsed.success) issues.push(...parsed.error.issues)
  }
  let first: Rejection | undefined
  let firstRank = Infinity
  for (const issue of issues) {
    const names = issue.path.filter((p): p is string => typeof p === 'string')
    if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) names.push(issue.keys[0])
    const rank = issue.code === 'unrecognized_keys' ? -2 : names.length === 0 ? -1 : options.order ? rankOf(options.order, names[0]!) : 0
    if (rank < firstRank) {
      first = { field: names.length > 0 ? names.join('.') : options.root, reason: issue.message }
      firstRank = rank
    }
  }
  return first ?? { field: options.root, reason: 'is not valid' }
}

function rankOf(order: readonly string[], name: string): number {
  const index = order.indexOf(name)
  return index < 0 ? order.length : index
}
