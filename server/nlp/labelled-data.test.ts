/**
 * The hand-labelled Vietnamese posts in data/nlp (issue 10, "Evaluation") are only worth
 * anything if their labels are real: categories and groups from data/categories.json, place
 * codes from the shared HCMC boundaries (read, never copied), and an eval set that shares no
 * text with the training set.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { asciiFold } from '../core/text'

const read = (relative: string): string => readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8')

interface Place {
  level: string
  code: string
}
interface Line {
  id: string
  text: string
  kind: string
  category: string
  group: string
  sentiment: string
  places: Place[]
  style: string[]
}

const parseLines = (relative: string): Line[] =>
  read(relative)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as Line
      } catch {
        throw new Error(`${relative} line ${index + 1} is not JSON: ${line.slice(0, 80)}`)
      }
    })

const train = parseLines('../../data/nlp/train.ndjson')
const evaluation = parseLines('../../data/nlp/eval.ndjson')
const all = [...train, ...evaluation]

const catalogue = JSON.parse(read('../../data/categories.json')) as {
  groups: { code: string }[]
  categories: { code: string; group: string }[]
}
const groupOf = new Map(catalogue.categories.map((c) => [c.code, c.group]))
const groups = catalogue.groups.map((g) => g.code)

const featureCodes = (file: string, key: string): Set<string> => {
  const collection = JSON.parse(read(`../../../shared/data/boundaries/${file}`)) as {
    features: { properties: Record<string, unknown> }[]
  }
  return new Set(collection.features.map((f) => String(f.properties[key])))
}
const codesByLevel: Record<string, Set<string>> = {
  district: featureCodes('hcmc-districts-22.geojson', 'district_code'),
  ward: featureCodes('hcmc-wards-312.geojson', 'ward_code'),
}
const districtOfWard = new Map(
  (
    JSON.parse(read('../../../shared/data/boundaries/hcmc-wards-312.geojson')) as {
      features: { properties: { ward_code: string; district_code: string } }[]
    }
  ).features.map((f) => [String(f.properties.ward_code), String(f.properties.district_code)]),
)

/** Compares texts as a reader would: case and spacing do not make a different post. */
const normalise = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ').trim()

describe('labelled Vietnamese data (issue 10, Evaluation)', () => {
  it('is big enough to train on and to evaluate honestly', () => {
    expect(train.length).toBeGreaterThanOrEqual(400)
    expect(evaluation.length).toBeGreaterThanOrEqual(250)
  })

  it('has every field with an allowed value', () => {
    for (const line of all) {
      expect(typeof line.id, line.id).toBe('string')
      expect(line.text.trim(), line.id).not.toBe('')
      expect(['mention', 'complaint'], line.id).toContain(line.kind)
      expect(['negative', 'neutral', 'positive'], line.id).toContain(line.sentiment)
      expect(Array.isArray(line.places), line.id).toBe(true)
      expect(Array.isArray(line.style), line.id).toBe(true)
    }
  })

  it('has ids unique across both files', () => {
    const ids = all.map((line) => line.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('never puts the same text in both files, nor twice in one', () => {
    const texts = all.map((line) => normalise(line.text))
    const seen = new Set<string>()
    const repeated = texts.filter((text) => seen.size === seen.add(text).size)
    expect(repeated).toEqual([])
  })

  it('labels with categories from data/categories.json and the group each belongs to', () => {
    for (const line of all) {
      expect(groupOf.has(line.category), `${line.id}: unknown category ${line.category}`).toBe(true)
      expect(line.group, `${line.id}: ${line.category} belongs to ${groupOf.get(line.category)}`).toBe(
        groupOf.get(line.category),
      )
    }
  })

  it('names only real district and ward codes, each at its own level', () => {
    for (const line of all) {
      for (const place of line.places) {
        const known = codesByLevel[place.level]
        expect(known, `${line.id}: level ${place.level} is neither district nor ward`).toBeDefined()
        expect(known?.has(place.code), `${line.id}: no ${place.level} has code ${place.code}`).toBe(true)
      }
    }
  })

  // The labelling rule (data/nlp/README.md): a ward the text makes certain makes its district certain.
  it('lists every labelled ward together with its own district', () => {
    for (const line of all) {
      const districts = new Set(line.places.filter((p) => p.level === 'district').map((p) => p.code))
      for (const ward of line.places.filter((p) => p.level === 'ward')) {
        expect(districts.has(districtOfWard.get(ward.code) ?? ''), `${line.id}: ward ${ward.code} without its district`).toBe(true)
      }
    }
  })

  // The eval set must stay a test of other posts, not of rewordings: a training line written
  // after it (data/nlp/README.md) must not share most of its words with any eval line. Only ids
  // are reported, so the check can be acted on without reading the eval texts.
  it('shares at most 45% of its words (Jaccard, diacritics folded) between any train and eval line', () => {
    const words = (text: string) => new Set(asciiFold(text).match(/[a-z0-9]+/g) ?? [])
    const evalWords = evaluation.map((line) => ({ id: line.id, words: words(line.text) }))
    const close: string[] = []
    for (const line of train) {
      const mine = words(line.text)
      for (const other of evalWords) {
        let shared = 0
        for (const w of mine) if (other.words.has(w)) shared++
        if (shared / (mine.size + other.words.size - shared) > 0.45) close.push(`${line.id} ~ ${other.id}`)
      }
    }
    expect(close).toEqual([])
  })

  it('covers every group with at least 15 eval lines', () => {
    const counts = new Map(groups.map((g) => [g, 0]))
    for (const line of evaluation) counts.set(line.group, (counts.get(line.group) ?? 0) + 1)
    const thin = [...counts].filter(([, n]) => n < 15)
    expect(thin).toEqual([])
  })
})
