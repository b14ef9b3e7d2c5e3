/**
 * k-fold cross-validation inside the training posts (NLP-2): the only honest place to choose
 * data, features and hyper-parameters, since eval.ndjson is never used for tuning. It runs the
 * same trainModel, createClassifier and scoreLabels that npm run train and npm run eval use. Pure.
 */
import { createClassifier, trainModel, type Classification, type CuePhrases, type TrainingExample, type TrainingOptions, TRAINING } from './classifier'
import { scoreLabels, type LabelScores } from './label-metrics'

export interface CrossValidation {
  folds: number
  groups: LabelScores
  categories: LabelScores
  sentiment: LabelScores
  /** Each post's held-out prediction, in file order: the mistakes to read when writing more data. */
  predictions: Classification[]
}

/**
 * Post n is held out in fold n mod k. The posts are written group by group, so this deals each
 * group's posts round the folds (near-stratified) and needs no random seed: the same file gives
 * the same figures. Scores are pooled over all held-out predictions.
 */
export function crossValidate(
  examples: readonly TrainingExample[],
  cues: CuePhrases,
  groupOf: ReadonlyMap<string, string>,
  folds: number,
  options: TrainingOptions = TRAINING,
): CrossValidation {
  if (!Number.isInteger(folds) || folds < 2 || folds > examples.length) throw new Error(`folds must be an integer from 2 to ${examples.length}, not ${folds}`)
  const predictions: Classification[] = new Array(examples.length)
  for (let fold = 0; fold < folds; fold++) {
    const classify = createClassifier(
      trainModel(examples.filter((_, n) => n % folds !== fold), cues, options),
      groupOf,
    )
    examples.forEach((example, n) => {
      if (n % folds !== fold) return
      predictions[n] = classify(example.normalised)
    })
  }
  const pairs = (truth: (e: TrainingExample) => string, got: (c: Classification) => string) =>
    examples.map((e, n) => ({ truth: truth(e), predicted: got(predictions[n] as Classification) }))
  return {
    folds,
    groups: scoreLabels(pairs((e) => groupOf.get(e.category) as string, (c) => c.group)),
    categories: scoreLabels(pairs((e) => e.category, (c) => c.category)),
    sentiment: scoreLabels(pairs((e) => e.sentiment, (c) => c.sentiment)),
    predictions,
  }
}
