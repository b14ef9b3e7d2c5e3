/**
 * Reads a batch's texts (NLP-7) without holding the event loop: a 5,000-event batch of posts is
 * most of a second of CPU (a 4,000-character text is several milliseconds), and the live node's
 * heartbeats, /healthz and the next request's parsing share this thread. So the work is cut into
 * slices, giving the loop a turn between them. Reading happens before the batch's transaction, so
 * no row lock is held while it runs.
 */
import type { NewEvent } from '../core/event'
import { readEvent, type EventReading, type TextReader } from '../core/text-reading'

export interface ReadEvent {
  event: NewEvent
  reading: EventReading
}

/** CPU time one slice may take before the loop gets a turn. */
const SLICE_MS = 10

const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

export async function readEvents(events: readonly NewEvent[], read: TextReader): Promise<ReadEvent[]> {
  const out: ReadEvent[] = new Array(events.length)
  let sliceStart = performance.now()
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as NewEvent
    out[i] = { event, reading: readEvent(event, read) }
    if (performance.now() - sliceStart >= SLICE_MS) {
      await turn()
      sliceStart = performance.now()
    }
  }
  return out
}
