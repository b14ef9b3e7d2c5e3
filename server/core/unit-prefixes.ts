/**
 * The administrative prefixes of Vietnamese unit names — how officials print them short and how
 * people type them — in one table, read by the place recogniser (NLP-3: "q7", "P. Tân Định") and
 * by the labels of sentences and issues (NLP-5, NLP-6: "Q.7", "Tân Phong ward"). Units of one
 * family stand in for each other when matched ("quận Thủ Đức" for the city that replaced it). Pure.
 */
export type UnitFamily = 'province' | 'district' | 'ward'

export interface UnitPrefix {
  /** As in official names, lower-case: "thành phố". */
  name: string
  family: UnitFamily
  /** Short forms people type before a name, beside the full one: "tp", "q", "p", "f". */
  typed: string[]
  /** As printed in a one-line sentence: "TP.", "Q.", "P.". */
  short: string
  /** The English name: "Thủ Đức City", "District 7", "Tân Phong ward". */
  en: (name: string, numbered: boolean) => string
}

/** Longest first where two share a word ("thị trấn", "thị xã"), so the first that fits is the one. */
export const UNIT_PREFIXES: readonly UnitPrefix[] = [
  { name: 'thành phố', family: 'district', typed: ['tp'], short: 'TP.', en: (name) => `${name} City` },
  { name: 'thị trấn', family: 'ward', typed: ['tt'], short: 'TT.', en: (name) => `${name} town` },
  { name: 'thị xã', family: 'district', typed: ['tx'], short: 'TX.', en: (name) => `${name} town` },
  { name: 'quận', family: 'district', typed: ['q'], short: 'Q.', en: (name, numbered) => (numbered ? `District ${name}` : `${name} District`) },
  { name: 'huyện', family: 'district', typed: ['h'], short: 'H.', en: (name) => `${name} District` },
  { name: 'phường', family: 'ward', typed: ['p', 'f'], short: 'P.', en: (name, numbered) => (numbered ? `Ward ${name}` : `${name} ward`) },
  { name: 'xã', family: 'ward', typed: [], short: 'X.', en: (name) => `${name} commune` },
  { name: 'tỉnh', family: 'province', typed: [], short: 'T.', en: (name) => `${name} Province` },
]
