/** Category labels: `GET /api/v1/categories` ({groups, categories: [{code, name: {vi, en}}]}), else the Open311 service list. */
import type { Locale } from './i18n'

export type CategoryLabels = Map<string, { vi: string; en: string }>

interface CategoryRow {
  code: string
  name: { vi?: string; en?: string }
}
interface ServiceRow {
  service_code: string
  service_name: string
}

export async function fetchCategoryLabels(): Promise<CategoryLabels> {
  const labels: CategoryLabels = new Map()
  try {
    const response = await fetch('/api/v1/categories')
    if (response.ok) {
      const { categories } = (await response.json()) as { categories?: CategoryRow[] }
      for (const r of categories ?? []) labels.set(String(r.code), { vi: r.name.vi ?? r.code, en: r.name.en ?? r.name.vi ?? r.code })
      if (labels.size > 0) return labels
    }
  } catch {
    // fall through to Open311
  }
  try {
    const response = await fetch('/open311/v2/services.json')
    if (response.ok) {
      for (const s of (await response.json()) as ServiceRow[]) labels.set(String(s.service_code), { vi: s.service_name, en: s.service_name })
    }
  } catch {
    // labels stay empty: codes are shown as they are
  }
  return labels
}

export function categoryName(labels: CategoryLabels, code: string | null, locale: Locale, unknown: string): string {
  if (!code) return unknown
  return labels.get(code)?.[locale] ?? code
}
