/**
 * How a unit is written in a one-line sentence: the short Vietnamese form officials write ("P. Tân
 * Phong", "Q.7", "TP. Thủ Đức") and the English one ("Tân Phong ward", "District 7"). Matching
 * names in texts is the gazetteer's job (NLP-3); this only prints a stored name, with the
 * prefixes of core/unit-prefixes.ts. Pure.
 */
import { UNIT_PREFIXES } from './unit-prefixes'

export interface UnitLabel {
  vi: string
  en: string
}

/** A unit with the unit holding it, which a numbered ward needs: "P.12, Q. Gò Vấp" / "Ward 12, Gò Vấp District". */
export function placeLabel(name: string, parentName?: string | null): UnitLabel {
  const own = unitLabel(name)
  if (!parentName) return own
  const parent = unitLabel(parentName)
  return { vi: `${own.vi}, ${parent.vi}`, en: `${own.en}, ${parent.en}` }
}

/** "Phường 12" → P.12 / Ward 12; "Phường Tân Phong" → P. Tân Phong / Tân Phong ward; other names as they are. */
export function unitLabel(name: string): UnitLabel {
  const trimmed = name.trim().replace(/\s+/g, ' ')
  const lower = trimmed.toLocaleLowerCase('vi')
  for (const { name: prefix, short, en } of UNIT_PREFIXES) {
    if (!lower.startsWith(`${prefix} `)) continue
    const rest = trimmed.slice(prefix.length + 1)
    const numbered = /^\d+$/.test(rest)
    return { vi: numbered ? `${short}${rest}` : `${short} ${rest}`, en: en(rest, numbered) }
  }
  return { vi: trimmed, en: trimmed }
}
