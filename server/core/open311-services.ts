/**
 * GeoReport v2 services from the taxonomy (OPEN311-2): the service list, service definitions with
 * their attributes, and the check of a request's `attribute[code]` values against them. Pure.
 */
import { mapExternalCategory, type Category, type CategoryAttribute, type Taxonomy } from './categories'
import { AppError } from './errors'
import { MAX_TEXT_LENGTH, parseInstant } from './event'
import type { Locale } from './open311'
import { given, quote } from './rejection'

/** The mapping block of data/categories.json that names other Open311 systems' service codes. */
export const OPEN311_MAPPING = 'open311'

/** A `string` attribute is one line (a name, a number on a post); `text` may be a paragraph. */
const MAX_STRING_LENGTH = 500

export function toServices(taxonomy: Taxonomy, locale: Locale) {
  const groups = new Map(taxonomy.groups.map((group) => [group.code, group]))
  return taxonomy.categories.map((category) => ({
    service_code: category.code,
    service_name: category.name[locale],
    description: `${category.name.vi} / ${category.name.en}`,
    // GeoReport v2: true when services/{code} has attributes to fill in.
    metadata: category.attributes !== undefined,
    type: 'realtime',
    keywords: category.code.replace(/_/g, ' '),
    group: groups.get(category.group)!.name[locale],
  }))
}

export function toServiceDefinition(category: Category, locale: Locale) {
  return {
    service_code: category.code,
    attributes: (category.attributes ?? []).map((attribute, index) => ({
      // Every attribute asks the caller for a value; none is an informational note.
      variable: true,
      code: attribute.code,
      datatype: attribute.datatype,
      required: attribute.required,
      datatype_description: datatypeDescription(attribute, locale),
      order: index + 1,
      description: attribute.description[locale],
      values: (attribute.values ?? []).map((value) => ({ key: value.key, name: value.name[locale] })),
    })),
  }
}

function datatypeDescription(attribute: CategoryAttribute, locale: Locale): string {
  const vi = locale === 'vi'
  switch (attribute.datatype) {
    case 'number': {
      const { min, max } = attribute
      if (min !== undefined && max !== undefined) return vi ? `Số từ ${min} đến ${max}` : `A number from ${min} to ${max}`
      if (min !== undefined) return vi ? `Số không nhỏ hơn ${min}` : `A number of at least ${min}`
      if (max !== undefined) return vi ? `Số không lớn hơn ${max}` : `A number of at most ${max}`
      return vi ? 'Một số' : 'A number'
    }
    case 'datetime':
      return vi ? 'Ngày giờ ISO 8601 kèm múi giờ, ví dụ 2026-11-24T08:30:00+07:00' : 'An ISO 8601 date-time with its zone, e.g. 2026-11-24T08:30:00+07:00'
    case 'singlevaluelist':
      return vi ? 'Chọn một giá trị' : 'One of the values'
    case 'multivaluelist':
      return vi ? 'Chọn một hoặc nhiều giá trị' : 'One or more of the values'
    case 'text':
      return vi ? `Văn bản, tối đa ${MAX_TEXT_LENGTH} ký tự` : `Text, at most ${MAX_TEXT_LENGTH} characters`
    case 'string':
      return vi ? `Một dòng, tối đa ${MAX_STRING_LENGTH} ký tự` : `One line, at most ${MAX_STRING_LENGTH} characters`
  }
}

/** A service code as we file it: ours as it is, another system's through the `open311` mapping; unknown stays as sent (and is refused by the event schema). */
export function resolveServiceCode(taxonomy: Taxonomy, serviceCode: string): string {
  if (taxonomy.categories.some((category) => category.code === serviceCode)) return serviceCode
  return mapExternalCategory(taxonomy, OPEN311_MAPPING, serviceCode) ?? serviceCode
}

const attributeFault = (code: string, reason: string) => new AppError(400, 'bad_request', reason, `attribute[${code}]`)

/**
 * A request's attributes checked against the category's definition (OPEN311-4): each declared one
 * parsed to its datatype (numbers as numbers, date-times as UTC ISO strings, lists as keys), the
 * required ones present, and none the category does not declare. A category that declares none
 * takes any attributes, as before definitions existed.
 */
export function checkAttributes(category: Category | undefined, sent: Record<string, unknown>): Record<string, unknown> {
  const declared = category?.attributes
  if (!category || !declared) return sent
  const unknown = Object.keys(sent).find((code) => !declared.some((attribute) => attribute.code === code))
  if (unknown !== undefined) {
    throw attributeFault(unknown, `${quote(unknown)} is not an attribute of ${category.code}: its attributes are ${declared.map((a) => a.code).join(', ')} (GET services/${category.code}.json)`)
  }
  const checked: Record<string, unknown> = {}
  for (const attribute of declared) {
    const value = sent[attribute.code]
    if (Array.isArray(value) ? value.every(blank) : blank(value)) {
      if (attribute.required) throw attributeFault(attribute.code, `is required for ${category.code}: ${attribute.description.en} (GET services/${category.code}.json)`)
      continue
    }
    checked[attribute.code] = attributeValue(attribute, value)
  }
  return checked
}

/** Forms send an unanswered field empty. */
const blank = (value: unknown) => !given(value) || (typeof value === 'string' && value.trim() === '')

function attributeValue(attribute: CategoryAttribute, value: unknown): unknown {
  const fault = (reason: string) => attributeFault(attribute.code, reason)
  if (attribute.datatype === 'multivaluelist') {
    const keys = (Array.isArray(value) ? value : [value]).filter((key) => !blank(key))
    return [...new Set(keys.map((key) => listKey(attribute, key, fault)))]
  }
  // A repeated form field: which of its values was meant is anyone's guess.
  if (Array.isArray(value)) throw fault(`was sent ${value.length} times: send one value`)
  switch (attribute.datatype) {
    case 'number': {
      const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(value) ? Number(value) : NaN
      if (!Number.isFinite(number)) throw fault(`${quote(value)} is not a number`)
      const { min, max } = attribute
      if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
        throw fault(`${number} is outside ${min ?? '−∞'}…${max ?? '∞'}`)
      }
      return number
    }
    case 'datetime': {
      const instant = parseInstant(typeof value === 'string' ? value.trim() : value)
      if (typeof instant === 'string') throw fault(instant)
      return instant.toISOString()
    }
    case 'singlevaluelist':
      return listKey(attribute, value, fault)
    case 'string':
    case 'text': {
      if (typeof value !== 'string' && typeof value !== 'number') throw fault('must be text')
      const text = String(value).trim()
      const max = attribute.datatype === 'string' ? MAX_STRING_LENGTH : MAX_TEXT_LENGTH
      if (text.length > max) throw fault(`is ${text.length} characters long: at most ${max}`)
      if (attribute.datatype === 'string' && /[\r\n]/.test(text)) throw fault('must be one line (datatype string)')
      return text
    }
  }
}

function listKey(attribute: CategoryAttribute, value: unknown, fault: (reason: string) => AppError): string {
  const keys = (attribute.values ?? []).map((v) => v.key)
  const key = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined
  if (key === undefined || !keys.includes(key)) throw fault(`${quote(value)} is not one of ${keys.join(', ')}`)
  return key
}
