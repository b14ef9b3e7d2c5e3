/** One figure of a benchmark; bench/run.ts prints them all as one table. */
export interface BenchRow {
  bench: string
  metric: string
  value: number
  unit: string
  note?: string
}
