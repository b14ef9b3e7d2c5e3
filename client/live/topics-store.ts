/**
 * Today's top issues of this screen's scope, from the live `topics` event (NLP-5): each event
 * states the whole list, so it replaces what was held; a list for another scope (a peek) or
 * another period is dropped. Pure.
 */
import type { Layer } from '../../server/core/protocol'

/** One issue as the wire states it (the topics contract; the server's type is `Topic`). */
export interface TopicItem {
  id: string
  label: { vi: string; en: string }
  category: string
  group: string
  place: { code: string; level: string; name: string } | null
  phrase: string | null
  counts: Record<Layer, number>
  total: number
  /** The usual count over the same span of the 7 days before. */
  previous: number
  /** total / max(previous, 1); null for an issue that had none before. */
  growth: number | null
  samples: string[]
  cells: string[]
}

export interface TopicsEvent {
  scope: string
  period: 'today' | 'week'
  at: string
  topics: TopicItem[]
}

/** The panel lists ten: more would not be read from across the room. */
export const TOP_TOPICS = 10

const isTopic = (t: Partial<TopicItem> | null | undefined): t is TopicItem =>
  typeof t?.id === 'string' && typeof t.label?.vi === 'string' && typeof t.label.en === 'string' && Number.isFinite(t.total) && typeof t.counts === 'object' && t.counts !== null

export class TopicsStore {
  /** Largest first, as the server ranked them. */
  topics: TopicItem[] = []
  /** When the server counted them (ISO 8601); null before the first list. */
  at: string | null = null

  /** Takes an event for the screen's `scope` and answers whether what is shown changed. */
  accept(event: TopicsEvent, scope: string): boolean {
    if (event?.scope !== scope || event.period !== 'today' || !Array.isArray(event.topics)) return false
    this.topics = event.topics.filter(isTopic).slice(0, TOP_TOPICS)
    this.at = String(event.at)
    return true
  }

  clear(): boolean {
    if (this.at === null) return false
    this.topics = []
    this.at = null
    return true
  }
}
