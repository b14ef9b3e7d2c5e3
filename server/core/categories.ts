/**
 * The taxonomy is data (data/categories.json by default, TAX-*): 13 stable groups, the categories
 * filed under them (names in vi/en, SLA hours, colour, icon, Open311 attributes) and the names
 * other systems use for them. One zod schema owns every rule and the types. Pure.
 */
import { z } from 'zod'

/** The groups leaders rank by: stable, so a ranking keeps its meaning when categories are added. */
export const CATEGORY_GROUPS = [
  'traffic',
  'flooding',
  'waste',
  'noise',
  'pollution',
  'construction',
  'security',
  'utilities',
  'infrastructure',
  'admin',
  'health',
  'education',
  'other',
] as const

/** GeoReport v2's attribute datatypes. */
export const ATTRIBUTE_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const

export const TAXONOMY_VERSION = 2

/** Where an Open311 POST keeps its own fields among the attributes (core/open311.ts): no category may declare them. */
const RESERVED_ATTRIBUTE_CODES = ['media_url', 'address_id']

const identifier = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'must be a lower-case identifier (a-z, 0-9, _)' })

const nameText = z.string({ error: 'is required' }).trim().min(1, { error: 'must not be empty' })

const names = z.strictObject(
  { vi: nameText, en: nameText },
  { error: 'needs vi and en names' },
)

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a hex colour such as #3B82F6' })
/** A Material Symbols name (`flood`, `local_parking`): the client picks how to draw it. */
const icon = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'must be an icon name such as flood' })

const groupSchema = z.strictObject({
  code: z.enum(CATEGORY_GROUPS, { error: (issue) => `"${String(issue.input)}" is not one of the 13 groups (${CATEGORY_GROUPS.join(', ')})` }),
  name: names,
  colour,
  icon,
})

const isList = (datatype: string) => datatype === 'singlevaluelist' || datatype === 'multivaluelist'

const attributeSchema = z
  .strictObject({
    code: identifier.refine((code) => !RESERVED_ATTRIBUTE_CODES.includes(code), { error: `is kept for an Open311 field (${RESERVED_ATTRIBUTE_CODES.join(', ')}): choose another code` }),
    datatype: z.enum(ATTRIBUTE_DATATYPES, { error: (issue) => `"${String(issue.input)}" is not a GeoReport v2 datatype (${ATTRIBUTE_DATATYPES.join(', ')})` }),
    required: z.boolean({ error: 'must be true or false' }).default(false),
    description: names,
    values: z.array(z.strictObject({ key: z.string().trim().min(1, { error: 'must not be empty' }), name: names })).min(1, { error: 'needs at least one value' }).optional(),
    min: z.number({ error: 'must be a number' }).optional(),
    max: z.number({ error: 'must be a number' }).optional(),
  })
  .superRefine((attribute, ctx) => {
    if (isList(attribute.datatype) && !attribute.values) ctx.addIssue({ code: 'custom', path: ['values'], message: `is required for a ${attribute.datatype}` })
    if (!isList(attribute.datatype) && attribute.values) ctx.addIssue({ code: 'custom', path: ['values'], message: `is only for singlevaluelist and multivaluelist, not ${attribute.datatype}` })
    for (const bound of ['min', 'max'] as const) {
      if (attribute[bound] !== undefined && attribute.datatype !== 'number') ctx.addIssue({ code: 'custom', path: [bound], message: `is only for datatype number, not ${attribute.datatype}` })
    }
    if (attribute.min !== undefined && attribute.max !== undefined && attribute.min > attribute.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `${attribute.min} is above max ${attribute.max}` })
    attribute.values?.forEach((value, index) => {
      if (attribute.values!.findIndex((other) => other.key === value.key) < index) ctx.addIssue({ code: 'custom', path: ['values', index, 'key'], message: `"${value.key}" appears twice` })
    })
  })

const categorySchema = z.strictObject({
  code: identifier,
  group: groupSchema.shape.code,
  sla_hours: z.number({ error: 'must be a number of hours' }).positive({ error: 'must be a positive number of hours' }),
  name: names,
  colour,
  icon,
  attributes: z.array(attributeSchema).min(1, { error: 'must list at least one attribute, or be left out' }).optional(),
})

/** External names as the other system writes them (exact, case included: NYC's `PLUMBING` and `Plumbing` are two agencies' types). */
const mappingSchema = z.record(
  z.string().regex(/^\S(.*\S)?$/, { error: 'must not be empty, nor start or end with a space' }),
  z.string({ error: 'must be a category code' }),
)

const taxonomySchema = z
  .strictObject({
    version: z.literal(TAXONOMY_VERSION, { error: `must be ${TAXONOMY_VERSION}` }),
    groups: z.array(groupSchema),
    categories: z.array(categorySchema).min(1, { error: 'must list at least one category' }),
    mappings: z.record(identifier, mappingSchema).default({}),
  })
  .superRefine((taxonomy, ctx) => {
    taxonomy.groups.forEach((group, index) => {
      if (taxonomy.groups.findIndex((other) => other.code === group.code) < index) ctx.addIssue({ code: 'custom', path: ['groups', index, 'code'], message: `"${group.code}" appears twice` })
    })
    const missing = CATEGORY_GROUPS.filter((code) => !taxonomy.groups.some((group) => group.code === code))
    if (missing.length > 0) ctx.addIssue({ code: 'custom', path: ['groups'], message: `lacks ${missing.map((code) => `"${code}"`).join(', ')}: all 13 groups are listed` })
    const codes = new Set<string>()
    taxonomy.categories.forEach((category, index) => {
      if (codes.has(category.code)) ctx.addIssue({ code: 'custom', path: ['categories', index, 'code'], message: `"${category.code}" appears twice` })
      codes.add(category.code)
      category.attributes?.forEach((attribute, at) => {
        if (category.attributes!.findIndex((other) => other.code === attribute.code) < at) ctx.addIssue({ code: 'custom', path: ['categories', index, 'attributes', at, 'code'], message: `"${attribute.code}" appears twice` })
      })
    })
    for (const [system, table] of Object.entries(taxonomy.mappings)) {
      for (const [name, code] of Object.entries(table)) {
        if (!codes.has(code)) ctx.addIssue({ code: 'custom', path: ['mappings', system, name], message: `"${code}" is not a category code` })
      }
    }
  })

export type Taxonomy = z.output<typeof taxonomySchema>
export type Category = Taxonomy['categories'][number]
export type CategoryGroup = Taxonomy['groups'][number]
export type CategoryAttribute = NonNullable<Category['attributes']>[number]
export type GroupCode = (typeof CATEGORY_GROUPS)[number]

/** `categories[3].group`, `mappings.nyc311["Illegal Parking"]`: the entry at fault as one would find it in the file. */
function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`
      const name = String(part)
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return index === 0 ? name : `.${name}`
      return `[${JSON.stringify(name)}]`
    })
    .join('')
}

/** Checks a taxonomy loaded from a file; throws a message naming the entry at fault and what is wrong with it. */
export function parseTaxonomy(raw: unknown): Taxonomy {
  if (Array.isArray(raw)) {
    throw new Error(`the file is a plain list of categories (version 1): version ${TAXONOMY_VERSION} is an object {version, groups, categories, mappings} (docs/SPEC.md TAX-1)`)
  }
  if (raw === null || typeof raw !== 'object') throw new Error(`the file must hold an object {version, groups, categories, mappings}`)
  const parsed = taxonomySchema.safeParse(raw)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const path = [...issue.path]
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0])
  const message =
    issue.code === 'unrecognized_keys'
      ? 'is not a field of the taxonomy: remove it or check its spelling'
      : // A bad key of a record (a mapping's system or name): zod tells why in the nested issue.
        issue.code === 'invalid_key'
        ? (issue.issues[0]?.message ?? issue.message)
        : issue.message
  throw new Error(path.length > 0 ? `${pathOf(path)} ${message}` : message)
}

/**
 * The category code another system's name stands for (`nyc311`: `"Illegal Parking"` → `parking`),
 * or null when the taxonomy does not map it. Names are matched as written, surrounding spaces aside.
 */
export function mapExternalCategory(taxonomy: Taxonomy, system: string, name: string): string | null {
  const table = Object.hasOwn(taxonomy.mappings, system) ? taxonomy.mappings[system]! : undefined
  const key = name.trim()
  return table && Object.hasOwn(table, key) ? table[key]! : null
}
