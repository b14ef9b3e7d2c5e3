/** The page's language as rune state; `?lang=en` picks English, Vietnamese otherwise. */
import { parseLocale, translate, type Locale, type MessageKey, type Params } from './i18n'

class LocaleState {
  current = $state<Locale>(parseLocale(typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('lang')))

  t = (key: MessageKey, params?: Params): string => translate(this.current, key, params)

  toggle(): void {
    this.current = this.current === 'vi' ? 'en' : 'vi'
    if (typeof document !== 'undefined') document.documentElement.lang = this.current
  }
}

export const locale = new LocaleState()
