/**
 * NLP-7 to the edges: what ingest keeps of a producer's event and what it fills in from the text,
 * with the real normaliser, model and a gazetteer of the official districts and wards (read from
 * ../shared/data, never copied).
 */
import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { gazetteerFromFiles, loadTextReader } from '../nlp/load-classifier'
import { validateEvent, type NewEvent } from './event'
import { readEvent } from './text-reading'

const BOUNDARIES = ['hcmc-districts-22.geojson', 'hcmc-wards-312.geojson'].map((f) => fileURLToPath(new URL(`../../../shared/data/boundaries/${f}`, import.meta.url)))
const read = loadTextReader(gazetteerFromFiles(BOUNDARIES))
const now = new Date('2026-11-25T03:00:00Z')
const categories = new Set(['flooding', 'noise', 'traffic'])

function event(fields: Record<string, unknown>): NewEvent {
  const result = validateEvent({ kind: 'mention', source_id: 'x', occurred_at: now.toISOString(), ...fields }, { now, categories, source: 'test' })
  if (!result.ok) throw new Error(JSON.stringify(result))
  return result.event
}

describe('NLP-7 reading an event at ingest', () => {
  it('NLP-7 a post with only text gets a category with its confidence, a sentiment, and the ward it names', () => {
    const reading = readEvent(event({ text: 'Ngập sâu ở phường Tân Phong quận 7, xe chết máy' }), read)
    expect(reading).toMatchObject({ category: 'flooding', sentiment: 'negative', unit: '27490' })
    expect(reading.categoryConfidence).toBeGreaterThan(0)
    expect(reading.categoryConfidence).toBeLessThanOrEqual(1)
    expect(reading.sentimentConfidence).toBeGreaterThan(0)
    expect(reading.placeConfidence).toBeGreaterThanOrEqual(0.9)
  })

  it('NLP-7 the producer\'s category and unit stand; the text still gives the sentiment', () => {
    const reading = readEvent(event({ kind: 'complaint', category: 'noise', unit: '760', text: 'Ngập sâu ở phường Tân Phong quận 7' }), read)
    expect(reading).toMatchObject({ category: 'noise', categoryConfidence: null, unit: '760', placeConfidence: null })
    expect(reading.sentiment).not.toBeNull()
  })

  it('NLP-7 a point is finer than any place named: no unit is read', () => {
    const reading = readEvent(event({ lat: 10.7725, lon: 106.6981, text: 'phường Tân Phong quận 7 ngập' }), read)
    expect([reading.unit, reading.placeConfidence]).toEqual([null, null])
  })

  it('NLP-7 no text, or a blank one: nothing is read', () => {
    for (const text of [null, '   ']) {
      expect(readEvent(event({ text }), read)).toEqual({ category: null, categoryConfidence: null, sentiment: null, sentimentConfidence: null, unit: null, placeConfidence: null })
    }
    expect(readEvent(event({ category: 'traffic', text: '' }), read).category).toBe('traffic')
  })

  it('NLP-7 places apart, or ambiguous, place nothing; two wards of one district place the district', () => {
    expect(readEvent(event({ text: 'nhà ở Q7 mà kẹt xe ở Q1 cả tiếng' }), read).unit).toBeNull()
    expect(readEvent(event({ text: 'phường 12 kẹt xe quá' }), read).unit).toBeNull()
    expect(readEvent(event({ text: 'từ phường Tân Phong qua phường Tân Phú quận 7 đều ngập' }), read).unit).toBe('778')
  })
})
