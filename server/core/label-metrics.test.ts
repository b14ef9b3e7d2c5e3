import { describe, expect, it } from 'vitest'
import { scoreLabels, scoreSets } from './label-metrics'

describe('NLP-2 evaluation metrics', () => {
  it('NLP-2 macro-F1 is the unweighted mean over labels seen in truth or predictions', () => {
    const s = scoreLabels([
      { truth: 'a', predicted: 'a' },
      { truth: 'a', predicted: 'b' },
      { truth: 'b', predicted: 'b' },
      { truth: 'c', predicted: 'b' },
    ])
    expect(s.accuracy).toBe(0.5)
    // a: P 1, R 0.5, F1 2/3; b: P 1/3, R 1, F1 0.5; c: 0.
    expect(s.macroF1).toBeCloseTo((2 / 3 + 0.5 + 0) / 3)
    expect(s.perLabel.c).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 })
  })

  it('NLP-2 place precision and recall are micro over all texts; nothing found is precise, nothing labelled is recalled', () => {
    expect(scoreSets([{ truth: ['d:1', 'w:2'], predicted: ['d:1'] }, { truth: [], predicted: ['d:9'] }])).toMatchObject({ precision: 0.5, recall: 0.5 })
    expect(scoreSets([{ truth: [], predicted: [] }])).toMatchObject({ precision: 1, recall: 1 })
  })
})
