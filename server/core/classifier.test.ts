/** NLP-2 on the trained model (data/nlp/model.json) and on a tiny model trained in the test. */
import { describe, expect, it } from 'vitest'
import { loadClassifier } from '../nlp/load-classifier'
import { loadNormaliser } from '../nlp/load-normaliser'
import { createClassifier, cuePhrases, indexCues, sortKeys, textFeatures, trainModel } from './classifier'

const normalise = loadNormaliser()
const classifier = loadClassifier()
const classify = (text: string) => classifier(normalise(text))

describe('NLP-2 category and sentiment', () => {
  it.each([
    ['Đường Nguyễn Hữu Cảnh ngập sâu sau cơn mưa chiều nay, xe chết máy hàng loạt', 'flooding', 'negative'],
    ['duong nguyen huu canh ngap sau sau con mua, xe chet may hang loat', 'flooding', 'negative'],
    ['kẹt xe cứng ngắc ở vòng xoay, ko nhúc nhích đc 30p luôn mn ơi 😩', 'traffic', 'negative'],
    ['hàng xóm hát karaoke tới 1h sáng, ồn ko ngủ được', 'noise', 'negative'],
    ['cup dien ca khu tu sang toi gio chua co lai', 'utilities', 'negative'],
    ['Cảm ơn phường đã cho dọn sạch bãi rác đầu hẻm, giờ sạch sẽ hẳn 👍', 'waste', 'positive'],
  ])('%s → %s, %s', (text, group, sentiment) => {
    const got = classify(text)
    expect(got.group).toBe(group)
    expect(got.sentiment).toBe(sentiment)
    expect(got.confidence).toBeGreaterThan(0)
    expect(got.confidence).toBeLessThanOrEqual(1)
  })

  it('NLP-2 a category comes with its own group from the taxonomy', () => {
    const got = classify('cống nghẹt, nước đọng bốc mùi cả hẻm')
    expect(['drainage', 'flooding']).toContain(got.category)
    expect(got.group).toBe(got.category === 'drainage' ? 'infrastructure' : 'flooding')
  })

  it('NLP-2 features hold words with diacritics and folded syllables, so text without them still matches', () => {
    const withMarks = textFeatures(normalise('ngập nước'), indexCues({}))
    const without = textFeatures(normalise('ngap nuoc'), indexCues({}))
    expect(withMarks).toContain('f:ngap nuoc')
    expect(without).toContain('f:ngap nuoc')
    expect(withMarks).not.toContain('w:ngap')
  })

  it('NLP-2 training is reproducible and a cue phrase alone teaches its label', () => {
    const lexicon = { categories: { flooding: ['ngập nước'], noise: ['karaoke'] }, sentiment: { negative: ['bực'], neutral: ['cho hỏi'], positive: ['cảm ơn'] } }
    const cues = cuePhrases(lexicon, normalise)
    const examples = [
      { normalised: normalise('mưa xong đường thành sông'), category: 'flooding', sentiment: 'negative' as const },
      { normalised: normalise('loa kẹo kéo cả đêm'), category: 'noise', sentiment: 'negative' as const },
      { normalised: normalise('cho hỏi lịch dọn cống'), category: 'flooding', sentiment: 'neutral' as const },
    ]
    const model = trainModel(examples, cues)
    expect(JSON.stringify(trainModel(examples, cues))).toBe(JSON.stringify(model))
    expect(JSON.stringify(sortKeys(model))).toBe(JSON.stringify(model))
    const tiny = createClassifier(model, new Map([['flooding', 'flooding'], ['noise', 'noise']]))
    expect(tiny(normalise('karaoke')).category).toBe('noise')
    expect(tiny(normalise('ngap nuoc')).category).toBe('flooding')
  })

  it('NLP-2 a model whose categories the taxonomy lacks is refused with what to do', () => {
    const model = trainModel([{ normalised: normalise('x'), category: 'gone', sentiment: 'neutral' }], {})
    expect(() => createClassifier(model, new Map())).toThrow(/taxonomy lacks \(gone\): run npm run train/)
  })
})
