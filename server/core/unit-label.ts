/**
 * How a unit is written in a one-line sentence: the short Vietnamese form officials write ("P. Tân
 * Phong", "Q.7", "TP. Thủ Đức") and the English one ("Tân Phong ward", "District 7"). Matching
 * names in texts is the gazetteer's job (NLP-3); this only prints a stored name. Pure.
 */
export interface UnitLabel {
  vi: string
  en: string
}

/** Longest prefix first: "Thành phố" before "Phường" never clash, but "Thị trấn" and "Thị xã" share a word. */
const PREFIXES: ReadonlyArray<{ prefix: string; vi: string; en: (name: string, numbered: boolean) => string }> = [
  { prefix: 'thành phố', vi: 'TP.', en: (name) => `${name} City` },
  { prefix: 'thị trấn', vi: 'TT.', en: (name) => `${name} town` },
  { prefix: 'thị xã', vi: 'TX.', en: (name) => `${name} town` },
  { prefix: 'quận', vi: 'Q.', en: (name, numbered) => (numbered ? `District ${name}` : `${name} District`) },
  { prefix: 'huyện', vi: 'H.', en: (name) => `${name} District` },
  { prefix: 'phường', vi: 'P.', en: (name, numbered) => (numbered ? `Ward ${name}` : `${name} ward`) },
  { prefix: 'xã', vi: 'X.', en: (name) => `${name} commune` },
  { prefix: 'tỉnh', vi: 'T.', en: (name) => `${name} Province` },
]

/** "Phường 12" → P.12 / Ward 12; "Phường Tân Phong" → P. Tân Phong / Tân Phong ward; other names as they are. */
export function unitLabel(name: string): UnitLabel {
  const trimmed = name.trim().replace(/\s+/g, ' ')
  const lower = trimmed.toLocaleLowerCase('vi')
  for (const { prefix, vi, en } of PREFIXES) {
    if (!lower.startsWith(`${prefix} `)) continue
    const rest = trimmed.slice(prefix.length + 1)
    const numbered = /^\d+$/.test(rest)
    return { vi: numbered ? `${vi}${rest}` : `${vi} ${rest}`, en: en(rest, numbered) }
  }
  return { vi: trimmed, en: trimmed }
}
