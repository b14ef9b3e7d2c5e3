/** The category taxonomy is data (data/categories.json by default): codes, names in vi/en, SLA hours. */
export interface Category {
  code: string
  group: string
  sla_hours: number
  name: { vi: string; en: string }
}

/** Checks a taxonomy loaded from a file; throws a message naming the entry at fault. */
export function parseCategories(raw: unknown): Category[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new Error('categories must be a non-empty JSON array')
  const seen = new Set<string>()
  return raw.map((entry, index) => {
    const c = entry as Partial<Category>
    const where = `categories[${index}]`
    if (typeof c.code !== 'string' || !/^[a-z][a-z0-9_]{0,63}$/.test(c.code)) throw new Error(`${where}.code must be a lower-case identifier`)
    if (seen.has(c.code)) throw new Error(`${where}.code "${c.code}" appears twice`)
    seen.add(c.code)
    if (typeof c.name?.vi !== 'string' || typeof c.name?.en !== 'string') throw new Error(`${where}.name needs vi and en`)
    if (typeof c.sla_hours !== 'number' || !(c.sla_hours > 0)) throw new Error(`${where}.sla_hours must be a positive number`)
    return { code: c.code, group: typeof c.group === 'string' ? c.group : 'other', sla_hours: c.sla_hours, name: { vi: c.name.vi, en: c.name.en } }
  })
}
