/**
 * GeoReport v2 answers in either format from one model object (OPEN311-1): the route builds the
 * object, this writes it as JSON or as the spec's XML, as the path's extension asks.
 */
import type { Request, Response } from 'express'
import { XMLBuilder } from 'fast-xml-parser'

/** An answer: the object as JSON sends it, and the XML names it goes under. */
export interface Open311Answer {
  /** The root element (`services`, `service_definition`…). */
  root: string
  /** For a list answer, each item's element (`service`, `request`, `error`). */
  item?: string
  body: unknown
}

/** The spec's element for each item of a nested list, by the list's name. */
const ITEM_ELEMENTS: Record<string, string> = { endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value' }

/** Characters XML 1.0 cannot carry, even escaped (control characters a description may hold). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

const builder = new XMLBuilder({ suppressEmptyNode: true })

export const wantsXml = (req: Request): boolean => req.path.endsWith('.xml')

export function sendOpen311(req: Request, res: Response, answer: Open311Answer): void {
  if (!wantsXml(req)) {
    res.json(answer.body)
    return
  }
  res.type('text/xml; charset=utf-8').send(toXml(answer))
}

export function toXml(answer: Open311Answer): string {
  const content = answer.item !== undefined && Array.isArray(answer.body) ? { [answer.item]: answer.body.map((item) => tree(item)) } : tree(answer.body)
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [answer.root]: content }) as string}`
}

/** The model as the builder's input: lists under their items' element, null as an empty element, every value as text. */
function tree(value: unknown, name?: string): unknown {
  if (Array.isArray(value)) return { [ITEM_ELEMENTS[name ?? ''] ?? 'item']: value.map((item) => tree(item)) }
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, tree(item, key)]))
  return String(value).replace(NOT_XML, '\uFFFD')
}
