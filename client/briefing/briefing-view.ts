/**
 * How the briefing's figures read on screen and on paper: Vietnamese separators first (1.234,5),
 * through the app's one number formatter (client/app/i18n.ts). Pure.
 */
import { formatDecimal, formatNumber, formatSignedNumber, translate, type Locale } from '../app/i18n'

const DASH = '–'

/** Hours with one decimal; a dash without a figure. */
export const hours = (locale: Locale, value: number | null): string => (value === null ? DASH : formatDecimal(locale, value, 1))

/** A percentage with one decimal at most ("33,3%"). */
export const percent = (locale: Locale, value: number | null): string => (value === null ? DASH : `${formatNumber(locale, Math.round(value * 10) / 10)}%`)

/** A share (0…1) as a percentage. */
export const share = (locale: Locale, value: number): string => percent(locale, value * 100)

export const satisfaction = (locale: Locale, value: number | null): string => (value === null ? DASH : `${formatDecimal(locale, value, 1)}/5`)

export const count = (locale: Locale, value: number): string => formatNumber(locale, value)

export const rank = (value: number | null): string => (value === null ? DASH : String(value))

/** A top issue's change: "+12 (×5)", "−3 (×0,5)", or "+13 (mới)" when it has no ratio. */
export function change(locale: Locale, delta: number, growth: number | null): string {
  const ratio = growth === null ? translate(locale, 'briefing.new') : `×${formatNumber(locale, growth)}`
  return `${formatSignedNumber(locale, Math.round(delta * 10) / 10)} (${ratio})`
}

/** A period's bounds as local dates and times (dd/mm hh:mm), the end exclusive as the API gives it. */
export function when(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso))
}
