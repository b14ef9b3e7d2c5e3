/** NLP-2: cross-validation inside train.ndjson holds each post out of the model that judges it. */
import { describe, expect, it } from 'vitest'
import { loadNormaliser } from '../nlp/load-normaliser'
import { crossValidate } from './cross-validate'

const normalise = loadNormaliser()
const groupOf = new Map([
  ['flooding', 'flooding'],
  ['drainage', 'infrastructure'],
  ['noise', 'noise'],
])
const post = (text: string, category: string) => ({ normalised: normalise(text), category, sentiment: 'negative' as const })

describe('NLP-2 cross-validation (npm run train -- --cv K)', () => {
  it('NLP-2 post n is held out in fold n mod K: a post whose words no other post has is not learnt from itself', () => {
    // Fold 0 holds posts 0 and 2 (both flooding); fold 1 holds 1 and 3 (both noise). Post 2's
    // words appear nowhere else, so only a model that saw post 2 itself would call it flooding.
    const examples = [post('ngập nước', 'flooding'), post('karaoke ồn', 'noise'), post('triều cường lênh láng', 'flooding'), post('karaoke hát', 'noise')]
    const cv = crossValidate(examples, {}, groupOf, 2)
    expect(cv.predictions).toHaveLength(4)
    expect(cv.predictions[2]?.category).toBe('noise')
    expect(cv.groups.n).toBe(4)
    expect(cv.groups.perLabel.flooding?.recall).toBe(0)
  })

  it('NLP-2 the same posts give the same figures, and groups are scored by the taxonomy', () => {
    const examples = ['ngập nước sâu', 'cống nghẹt', 'karaoke ồn', 'ngập nước hẻm', 'cống nghẹt mùi', 'karaoke đêm'].map((t, i) =>
      post(t, ['flooding', 'drainage', 'noise'][i % 3] as string),
    )
    const a = crossValidate(examples, {}, groupOf, 2)
    expect(crossValidate(examples, {}, groupOf, 2)).toEqual(a)
    expect(Object.keys(a.groups.perLabel).sort()).toEqual(['flooding', 'infrastructure', 'noise'])
    expect(a.groups.accuracy).toBe(1)
  })

  it('NLP-2 folds must be a whole number from 2 to the number of posts', () => {
    const examples = [post('ngập', 'flooding'), post('ồn', 'noise')]
    expect(() => crossValidate(examples, {}, groupOf, 1)).toThrow(/folds must be an integer from 2 to 2/)
    expect(() => crossValidate(examples, {}, groupOf, 3)).toThrow(/folds/)
    expect(() => crossValidate(examples, {}, groupOf, Number('x'))).toThrow(/folds/)
  })
})
