import { describe, expect, it } from 'vitest'
import { loadNormaliser } from '../nlp/load-normaliser'
import { loadTopicWords } from '../nlp/load-topic-words'
import { nameTopics, phraseCandidates, placeOf, rankIssues, topicWindows, type IssueText, type NameInput, type RankInput, type TopicCount, type TopicUnit } from './topics'

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
const row = (units: string[], count: number, extra: Partial<TopicCount> = {}): TopicCount => ({ category: 'flooding', units, kind: 'complaint', count, previous: 0, ...extra })
const rank = (counts: TopicCount[], extra: Partial<RankInput> = {}) => rankIssues({ counts, previousSpans: 7, units, limit: 10, ...extra })
const naming: NameInput = { units, categories, tokens, words }
const texts = (...written: string[]): IssueText[] => written.map((text) => ({ text, cell: '8865b56c3bfffff' }))

describe('topic windows (NLP-5)', () => {
  it('NLP-5: today starts at local midnight (UTC+7) and is compared with the same hours of the 7 days before', () => {
    const now = new Date('2026-11-25T03:30:20Z') // 10:30 in Hồ Chí Minh City
    const { current, previous } = topicWindows(now, 'today')
    expect(new Date(current.fromMs).toISOString()).toBe('2026-11-24T17:00:00.000Z')
    // The current minute counts as far as it has gone, as it does in each day before.
    expect(new Date(current.toMs).toISOString()).toBe('2026-11-25T03:31:00.000Z')
    expect(previous).toHaveLength(7)
    expect(new Date(previous[0]!.fromMs).toISOString()).toBe('2026-11-23T17:00:00.000Z')
    expect(new Date(previous[0]!.toMs).toISOString()).toBe('2026-11-24T03:31:00.000Z')
    expect(new Date(previous[6]!.fromMs).toISOString()).toBe('2026-11-17T17:00:00.000Z')
  })

  it('NLP-5: a week is compared with the 7 days before it, both on minute boundaries', () => {
    const now = new Date('2026-11-25T03:30:20Z')
    const { current, previous } = topicWindows(now, 'week')
    expect(new Date(current.fromMs).toISOString()).toBe('2026-11-18T03:30:00.000Z')
    expect(new Date(current.toMs).toISOString()).toBe('2026-11-25T03:31:00.000Z')
    expect(previous).toEqual([{ fromMs: current.fromMs - 7 * DAY, toMs: current.toMs - 7 * DAY }])
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

  it('NLP-5: a point on a shared border is placed under the first ward its units name, counted once', () => {
    // Ingest orders a border point's wards larger first, then by code (ING-3).
    expect(placeOf(['765', '26908', '26905'], units)?.code).toBe('26908')
    const issues = rank([row(['765', '26905'], 3), row(['765', '26908'], 2), row(['765', '26908', '26905'], 1, { previous: 7 })])
    expect(issues.map((i) => [i.place?.code, i.total, i.previous])).toEqual([
      ['26905', 3, 0],
      ['26908', 3, 1],
    ])
    expect(issues.reduce((sum, i) => sum + i.total, 0)).toBe(6)
  })

  it('NLP-5: counts per layer are summed from the roll-up rows of an issue; no category counts under "other"', () => {
    const issues = rank([
      row(['765', '26905'], 40, { previous: 70 }),
      row(['765', '26905'], 25, { kind: 'mention', previous: 7 }),
      row(['765', '26905'], 3, { category: '', kind: 'mention' }),
      row(['765', '26905'], 2, { category: 'other' }),
    ])
    expect(issues).toEqual([
      { category: 'flooding', place: units.get('26905'), counts: { complaints: 40, mentions: 25 }, total: 65, previous: 11, growth: 5.9, keys: [{ category: 'flooding', units: ['765', '26905'] }] },
      {
        category: 'other',
        place: units.get('26905'),
        counts: { complaints: 2, mentions: 3 },
        total: 5,
        previous: 0,
        growth: null,
        keys: [
          { category: '', units: ['765', '26905'] },
          { category: 'other', units: ['765', '26905'] },
        ],
      },
    ])
  })

  it('NLP-5: an issue with nothing in the period is no issue; its texts are read only by rows of the period', () => {
    const issues = rank([row(['778'], 0, { previous: 70 }), row(['765', '26908'], 1), row(['765', '26908', '26905'], 0, { previous: 7 })])
    expect(issues.map((i) => ({ place: i.place?.code, previous: i.previous, keys: i.keys }))).toEqual([{ place: '26908', previous: 1, keys: [{ category: 'flooding', units: ['765', '26908'] }] }])
  })

  it('NLP-5: most events first, then growth (a new issue first), then category and place; limit cuts the list', () => {
    const counts = [row(['26905'], 2, { previous: 14 }), row(['26908'], 2, { previous: 7 }), row(['778'], 1), row(['765'], 2), row(['26905'], 2, { category: 'traffic', previous: 14 })]
    expect(rank(counts).map((i) => `${i.category}|${i.place?.code}`)).toEqual(['flooding|765', 'flooding|26908', 'flooding|26905', 'traffic|26905', 'flooding|778'])
    expect(rank(counts, { limit: 2 }).map((i) => i.place?.code)).toEqual(['765', '26908'])
  })

  it('NLP-5: ties beyond growth go by id; a limit keeps the issues the named list ranks first', () => {
    const codes = new Map<string, TopicUnit>([
      ['760', { code: '760', level: 'district', name: 'Quận 1' }],
      ['760-01', { code: '760-01', level: 'ward', name: 'Phường Bến Nghé' }],
    ])
    const counts = [row(['760'], 2), row(['760', '760-01'], 2)]
    const named = nameTopics(rankIssues({ counts, previousSpans: 7, units: codes, limit: 2 }), [texts('Ngập đường Lê Lợi', 'Ngập đường Lê Lợi'), texts('Ngập đường Pasteur', 'Ngập đường Pasteur')], { ...naming, units: codes })
    expect(named.map((t) => t.id)).toEqual(['flooding|760-01|le loi', 'flooding|760|pasteur'])
    expect(rankIssues({ counts, previousSpans: 7, units: codes, limit: 1 }).map((i) => i.place?.code)).toEqual(['760-01'])
  })

  it('NLP-5: a storm in a ward is named by its street, labelled with the category and the ward, its samples masked', () => {
    const [storm, traffic] = rank([row(['765', '26905'], 4000, { previous: 7 }), row(['765', '26908'], 2, { category: 'traffic', previous: 14 })])
    const topics = nameTopics(
      [storm!, traffic!],
      [
        texts('Ngập nước đường Nguyễn Hữu Cảnh quá trời, gọi 0903 123 456', 'đường nguyễn hữu cảnh ngập tới đầu gối', 'Mưa to, Nguyễn Hữu Cảnh lại ngập', 'nước ngập đường Nguyễn Hữu Cảnh'),
        texts('Kẹt xe ở ngã tư Hàng Xanh', 'Kẹt xe ở ngã tư Hàng Xanh giờ tan tầm'),
      ],
      naming,
    )
    const [first, second] = topics
    expect(first).toMatchObject({ id: 'flooding|26905|nguyen huu canh', category: 'flooding', group: 'flooding', place: { code: '26905', level: 'ward' }, phrase: 'Nguyễn Hữu Cảnh', counts: { complaints: 4000, mentions: 0 }, total: 4000, previous: 1, growth: 4000 })
    expect(first!.label).toEqual({ vi: 'Ngập nước · Nguyễn Hữu Cảnh · P.22', en: 'Flooding · Nguyễn Hữu Cảnh · Ward 22' })
    expect(first!.samples).toHaveLength(3)
    expect(first!.samples[0]).not.toContain('0903')
    expect(first!.cells).toEqual(['8865b56c3bfffff'])
    expect(second).toMatchObject({ category: 'traffic', phrase: 'Hàng Xanh', total: 2, previous: 2, growth: 1 })
  })

  it('NLP-5: a phrase must recur; an issue without one is labelled by category and place', () => {
    const [topic] = nameTopics(rank([row(['778'], 2)]), [texts('Ngập đường Lê Lợi', 'Ngập đường Pasteur')], naming)
    expect(topic).toMatchObject({ phrase: null, place: { code: '778' }, label: { vi: 'Ngập nước · Q.7', en: 'Flooding · District 7' } })
  })

  it('NLP-5: a phrase said by fewer than a fifth of the texts read does not name the issue', () => {
    const [issue] = rank([row(['778'], 20)])
    const read = (naming: number) => [...Array.from({ length: naming }, () => 'Ồn quá, karaoke đường Phan Văn Hớn'), ...Array.from({ length: 20 - naming }, (_, k) => `ồn quá lần ${k}`)].map((text) => ({ text, cell: null }))
    expect(nameTopics([issue!], [read(3)], naming)[0]!.phrase).toBeNull()
    expect(nameTopics([issue!], [read(4)], naming)[0]!.phrase).toBe('Phan Văn Hớn')
  })

  it('NLP-5: a ward is labelled with its district; an issue placed nowhere says so; a category\'s own words never name it', () => {
    const withParents = new Map<string, TopicUnit>([
      ['764', { code: '764', level: 'district', name: 'Quận Gò Vấp' }],
      ['26881', { code: '26881', level: 'ward', name: 'Phường 12', parentName: 'Quận Gò Vấp' }],
    ])
    const [ward] = nameTopics(rankIssues({ counts: [row(['764', '26881'], 2)], previousSpans: 7, units: withParents, limit: 10 }), [texts('Ngập đường Lê Lợi', 'ngập đường Lê Lợi quá')], { ...naming, units: withParents })
    expect(ward!.label).toEqual({ vi: 'Ngập nước · Lê Lợi · P.12, Q. Gò Vấp', en: 'Flooding · Lê Lợi · Ward 12, Gò Vấp District' })
    // "triều cường" is one of flooding's cue phrases in the lexicon: it says the category again.
    const [nowhere] = nameTopics(rank([row([], 3)]), [texts('triều cường lên rồi', 'Triều cường ngập hết', 'lại triều cường')], naming)
    expect(nowhere).toMatchObject({ place: null, phrase: null, label: { vi: 'Ngập nước · chưa rõ nơi', en: 'Flooding · place unknown' } })
  })

  it('NLP-5: samples skip events without text and cells are distinct, newest first, at most 20', () => {
    const [issue] = rank([row(['778'], 30)])
    const read: IssueText[] = Array.from({ length: 30 }, (_, k) => ({ text: k % 2 === 0 ? null : `ngập ${k}`, cell: `cell-${Math.floor(k / 1.5)}` }))
    const [topic] = nameTopics([issue!], [read], naming)
    expect(topic!.samples).toEqual(['ngập 1', 'ngập 3', 'ngập 5'])
    expect(topic!.cells).toEqual(Array.from({ length: 20 }, (_, k) => `cell-${k}`))
  })
})
