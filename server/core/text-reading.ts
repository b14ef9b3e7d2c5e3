/**
 * Reading a text (NLP-7): normalised once, then classified (NLP-2) and searched for places
 * (NLP-3). The classify CLI and ingest read texts through this one composition, so what
 * `npm run eval` and the CLI measure is what the wall counts. Pure.
 */
import type { Classification, Classifier, Sentiment } from './classifier'
import type { NewEvent } from './event'
import type { Gazetteer, RecognisedPlace } from './gazetteer'
import type { Normaliser } from './vi-normalise'

export interface TextReading extends Classification {
  /** Every unit the text names, finest first (NLP-3). */
  places: RecognisedPlace[]
  /** The finest unit holding all of them, or null (Gazetteer.locate). */
  place: RecognisedPlace | null
}

/** `places: false` skips place recognition (ingest, for an event a point or a unit places already). */
export type TextReader = (text: string, options?: { places?: boolean }) => TextReading

export interface TextReaderParts {
  normalise: Normaliser
  classify: Classifier
  gazetteer: Gazetteer
}

export function createTextReader({ normalise, classify, gazetteer }: TextReaderParts): TextReader {
  return (text, options) => {
    const places = options?.places === false ? [] : gazetteer.recognise(text)
    return { ...classify(normalise(text)), places, place: gazetteer.locate(places) }
  }
}

/** What ingest stores of an event's text beside what the producer sent. */
export interface EventReading {
  /** The producer's category, else the classifier's; null without text. */
  category: string | null
  /** The classifier's confidence in `category`; null when the producer gave it (or no text). */
  categoryConfidence: number | null
  sentiment: Sentiment | null
  sentimentConfidence: number | null
  /** The producer's unit, else — for an event without a point — the unit its text places it in. */
  unit: string | null
  /** The recogniser's confidence in a unit read from the text; null otherwise. */
  placeConfidence: number | null
}

/**
 * A producer's category and unit stand (a complaint filed under a category keeps it); the text
 * fills what is missing. A point is always finer than a place name, so an event with one is not
 * placed by its text.
 */
export function readEvent(event: NewEvent, read: TextReader): EventReading {
  const given: EventReading = { category: event.category, categoryConfidence: null, sentiment: null, sentimentConfidence: null, unit: event.unit, placeConfidence: null }
  if (event.text === null || event.text.trim() === '') return given
  const unplaced = event.unit === null && event.lat === null
  const reading = read(event.text, { places: unplaced })
  const place = unplaced ? reading.place : null
  return {
    category: event.category ?? reading.category,
    categoryConfidence: event.category === null ? reading.confidence : null,
    sentiment: reading.sentiment,
    sentimentConfidence: reading.sentimentConfidence,
    unit: place?.code ?? event.unit,
    placeConfidence: place?.confidence ?? null,
  }
}
