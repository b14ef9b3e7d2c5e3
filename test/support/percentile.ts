/**
 * The tests' own percentile, to check the product's figures against: linear interpolation between
 * closest ranks, as PostgreSQL's percentile_cont defines it (docs/SPEC.md LIFE-6), written here
 * apart from any product code.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const rank = p * (sorted.length - 1)
  const low = Math.floor(rank)
  const high = Math.min(low + 1, sorted.length - 1)
  return sorted[low]! + (rank - low) * (sorted[high]! - sorted[low]!)
}
