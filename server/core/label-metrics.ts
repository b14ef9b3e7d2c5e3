/** Accuracy and macro-F1 of predicted labels, and precision/recall of predicted sets (npm run eval). Pure. */

export interface LabelScores {
  n: number
  accuracy: number
  /** Unweighted mean of the per-label F1 over every label seen in the truth or the predictions. */
  macroF1: number
  perLabel: Record<string, { precision: number; recall: number; f1: number; support: number }>
}

export function scoreLabels(pairs: readonly { truth: string; predicted: string }[]): LabelScores {
  const labels = [...new Set(pairs.flatMap((p) => [p.truth, p.predicted]))].sort()
  const perLabel: LabelScores['perLabel'] = {}
  for (const label of labels) {
    const tp = pairs.filter((p) => p.truth === label && p.predicted === label).length
    const predicted = pairs.filter((p) => p.predicted === label).length
    const support = pairs.filter((p) => p.truth === label).length
    const precision = predicted === 0 ? 0 : tp / predicted
    const recall = support === 0 ? 0 : tp / support
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
    perLabel[label] = { precision, recall, f1, support }
  }
  const correct = pairs.filter((p) => p.truth === p.predicted).length
  const f1s = Object.values(perLabel).map((s) => s.f1)
  return {
    n: pairs.length,
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    macroF1: f1s.length === 0 ? 0 : f1s.reduce((a, b) => a + b, 0) / f1s.length,
    perLabel,
  }
}

/** Micro precision and recall of sets of keys ("ward:27490") over many texts. */
export function scoreSets(pairs: readonly { truth: readonly string[]; predicted: readonly string[] }[]) {
  let tp = 0
  let predicted = 0
  let truth = 0
  for (const pair of pairs) {
    const expected = new Set(pair.truth)
    const found = new Set(pair.predicted)
    for (const key of found) if (expected.has(key)) tp++
    predicted += found.size
    truth += expected.size
  }
  return { precision: predicted === 0 ? 1 : tp / predicted, recall: truth === 0 ? 1 : tp / truth, truePositives: tp, predicted, truth }
}
