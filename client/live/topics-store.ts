/**
 * Today's top issues of this screen's scope, from the live `topics` event (NLP-5): each event
 * states the whole list, so it replaces what was held; a list for another scope (a peek) or
 * another period is dropped. Pure.
 */
import type { TopicsUpdate } from '../../server/core/protocol'
import type { Topic } from '../../server/core/topics'

/** The panel lists ten: more would not be read from across the room. */
export const TOP_TOPICS = 10

const isTopic = (t: Partial<Topic> | null | undefined): t is Topic =>
  typeof t?.id === 'string' && typeof t.label?.vi === 'string' && typeof t.label.en === 'string' && Number.isFinite(t.total) && typeof t.counts === 'object' && t.counts !== null

export class TopicsStore {
  /** Largest first, as the server ranked them. */
  topics: Topic[] = []
  /** When the server counted them (ISO 8601); null before the first list. */
  at: string | null = null

  /** Takes an event for the screen's `scope` and answers whether what is shown changed. */
  accept(event: TopicsUpdate, scope: string): boolean {
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
