import { describe, expect, it } from 'vitest'
import { loadNormaliser } from '../nlp/load-normaliser'
import { loadTopicWords } from '../nlp/load-topic-words'
import { phraseCandidates, placeOf, rankTopics, topicWindows, type TopicEvent, type TopicInput, type TopicUnit } from './topics'

const normalise = loadNormaliser()
const words = loadTopicWords()
const tokens = (text: string) => normalise(text).tokens
const HOUR = 3_600_000
const DAY = 24 * HOUR

const units = new Map<string, TopicUnit>([
  ['765', { code: '765', level: 'district', name: 'Quận Bình Thạnh' }],
  ['26905', { code: '26905', level: 'ward', name: 'Phường 22' }],
  ['26908', { code: '26908', level: 'ward', name: 'Phường 25' }],
  ['778', { code: '778', level: 'district', name: 'Quận 7' }],
])
const categories = new Map([
  ['flooding', { group: 'flooding', name: { vi: 'Ngập nước', en: 'Flooding' } }],
  ['traffic', { group: 'traffic', name: { vi: 'Kẹt xe', en: 'Traffic jam' } }],
  ['other', { group: 'other', name: { vi: 'Khác', en: 'Other' } }],
])
const at = '2026-11-25T03:00:00Z'
const event = (text: string, unitCodes: string[], extra: Partial<TopicEvent> = {}): TopicEvent => ({ kind: 'complaint', category: 'flooding', units: unitCodes, cell: '8865b56c3bfffff', text, occurredAt: at, ...extra })
const input = (events: TopicEvent[], extra: Partial<TopicInput> = {}): TopicInput => ({ events, previous: [], previousSpans: 7, units, categories, tokens, words, limit: 10, ...extra })

describe('topic windows (NLP-5)', () => {
  it('NLP-5: today starts at local midnight (UTC+7) and is compared with the same hours of the 7 days before', () => {
    const now = new Date('2026-11-25T03:30:20Z') // 10:30 in Hồ Chí Minh City
    const { current, previous } = topicWindows(now, 'today')
    expect(new Date(current.fromMs).toISOString()).toBe('2026-11-24T17:00:00.000Z')
    expect(current.toMs).toBe(now.getTime())
    expect(previous).toHaveLength(7)
    expect(new Date(previous[0]!.fromMs).toISOString()).toBe('2026-11-23T17:00:00.000Z')
    expect(new Date(previous[0]!.toMs).toISOString()).toBe('2026-11-24T03:31:00.000Z')
    expect(new Date(previous[6]!.fromMs).toISOString()).toBe('2026-11-17T17:00:00.000Z')
  })

  it('NLP-5: a week is compared with the 7 days before it', () => {
    const now = new Date('2026-11-25T03:30:00Z')
    const { current, previous } = topicWindows(now, 'week')
    expect(current.toMs - current.fromMs).toBe(7 * DAY)
    expect(previous).toEqual([{ fromMs: current.fromMs - 7 * DAY, toMs: now.getTime() + 60_000 - 7 * DAY }])
  })
})

describe('topic grouping and ranking (NLP-5)', () => {
  it('NLP-5: the place is the finest unit: the ward, else the district, else none', () => {
    expect(placeOf(['765', '26905'], units)?.code).toBe('26905')
    expect(placeOf(['765'], units)?.code).toBe('765')
    expect(placeOf([], units)).toBeNull()
  })

  it('NLP-5: a name after a landmark word is a candidate; stopwords, the category and single syllables are not', () => {
    const text = 'Ngập nước đường Nguyễn Hữu Cảnh quá trời, sáng nay kẹt xe ở ngã tư Hàng Xanh giờ tan tầm'
    expect(phraseCandidates(text, tokens(text), words, new Set(tokens('Ngập nước')))).toEqual([
      { phrase: 'nguyễn hữu cảnh', isName: true },
      { phrase: 'kẹt xe', isName: false },
      { phrase: 'hàng xanh', isName: true },
    ])
  })

  it('NLP-5: typed in lower case, a name after a landmark word is taken as two syllables', () => {
    const text = 'ngập ở đường lê lợi quá'
    expect(phraseCandidates(text, tokens(text), words, new Set())).toEqual([{ phrase: 'lê lợi', isName: true }])
  })

  it('NLP-5: a storm in a ward is one issue named by its street, labelled with the category and the ward, its growth against the usual', () => {
    const storm = [
      event('Ngập nước đường Nguyễn Hữu Cảnh quá trời, gọi 0903 123 456', ['765', '26905'], { occurredAt: '2026-11-25T03:05:00Z' }),
      event('đường nguyễn hữu cảnh ngập tới đầu gối', ['765', '26905'], { kind: 'mention', category: null, occurredAt: '2026-11-25T03:04:00Z' }),
      event('Mưa to, Nguyễn Hữu Cảnh lại ngập', ['765', '26905'], { occurredAt: '2026-11-25T03:03:00Z' }),
      event('nước ngập đường Nguyễn Hữu Cảnh', ['765', '26905'], { occurredAt: '2026-11-25T03:02:00Z' }),
    ]
    const background = [event('Kẹt xe ở ngã tư Hàng Xanh', ['765', '26908'], { category: 'traffic' }), event('Kẹt xe ở ngã tư Hàng Xanh giờ tan tầm', ['765', '26908'], { category: 'traffic' })]
    const topics = rankTopics(
      input([...storm, ...background], {
        previous: [
          { category: 'flooding', units: ['765', '26905'], count: 7 },
          { category: 'traffic', units: ['765', '26908'], count: 14 },
        ],
      }),
    )
    const [first, second] = topics
    // The mention without a category counts under "other", a group of its own.
    expect(first).toMatchObject({ category: 'flooding', group: 'flooding', place: { code: '26905', level: 'ward' }, phrase: 'Nguyễn Hữu Cảnh', counts: { complaints: 3, mentions: 0 }, total: 3, previous: 1, growth: 3 })
    expect(first!.label).toEqual({ vi: 'Ngập nước · Nguyễn Hữu Cảnh · P.22', en: 'Flooding · Nguyễn Hữu Cảnh · Ward 22' })
    expect(first!.samples[0]).not.toContain('0903')
    expect(first!.samples).toHaveLength(3)
    expect(first!.cells).toEqual(['8865b56c3bfffff'])
    expect(second).toMatchObject({ category: 'traffic', phrase: 'Hàng Xanh', total: 2, previous: 2, growth: 1 })
    expect(topics.find((t) => t.category === 'other')).toMatchObject({ total: 1, previous: 0, growth: null, counts: { mentions: 1 } })
  })

  it('NLP-5: a phrase must recur; an issue without one is labelled by category and place', () => {
    const [topic] = rankTopics(input([event('Ngập đường Lê Lợi', ['778']), event('Ngập đường Pasteur', ['778'])]))
    expect(topic).toMatchObject({ phrase: null, place: { code: '778' }, label: { vi: 'Ngập nước · Q.7', en: 'Flooding · District 7' } })
  })

  it('NLP-5: most events first, then growth; limit cuts the list', () => {
    const events = [event('a', ['26905']), event('b', ['26905']), event('c', ['26908']), event('d', ['26908']), event('e', ['778'])]
    const topics = rankTopics(input(events, { previous: [{ category: 'flooding', units: ['26908'], count: 7 }, { category: 'flooding', units: ['26905'], count: 14 }], limit: 2 }))
    expect(topics.map((t) => t.place?.code)).toEqual(['26908', '26905'])
  })
})
