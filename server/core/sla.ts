/**
 * How many hours a complaint is given (LIFE-3). The category's `sla_hours` today; a unit-specific
 * override is a second policy layered on top of this one, taking the complaint's units, so the
 * signature already carries them. Pure.
 */
import type { Category } from './categories'

export interface SlaSubject {
  category: string | null
  /** Codes of the units the complaint lies in, top level first (unknown before PostGIS placed it). */
  units?: readonly string[]
}

export type SlaPolicy = (complaint: SlaSubject) => number

/** A complaint without a category, or of one no longer in the file, gets the `other` category's hours, else `fallbackHours`. */
export function categorySla(categories: readonly Category[], fallbackHours = 72): SlaPolicy {
  const hours = new Map(categories.map((c) => [c.code, c.sla_hours]))
  const otherwise = hours.get('other') ?? fallbackHours
  return ({ category }) => (category !== null ? hours.get(category) : undefined) ?? otherwise
}
