/**
 * A small seeded PRNG and the draws the scenario needs. Pure.
 * Every stream is keyed by (seed, integers…) rather than advanced globally, so the events of one
 * minute never depend on which minutes were generated before: a window split in two yields the
 * same events as the whole window (the simulator's backfill and ticks rely on it).
 */

/** Mixes integers into one 32-bit state (murmur3-style finaliser; good avalanche, no allocation). */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9
  for (const value of values) {
    // Split into two 32-bit halves so that values above 2^32 (epoch minutes × salt) still mix in.
    const low = value >>> 0
    const high = Math.floor(value / 0x1_0000_0000) >>> 0
    for (const part of [low, high]) {
      h = Math.imul(h ^ part, 0x85ebca6b)
      h ^= h >>> 13
      h = Math.imul(h, 0xc2b2ae35)
      h ^= h >>> 16
    }
  }
  return h >>> 0
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number
}

/** mulberry32: tiny, fast and plenty for picking templates and points. */
export function createRandom(...key: number[]): Random {
  let state = hashInts(...key)
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0
      let t = state
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
    },
  }
}

export function chance(random: Random, probability: number): boolean {
  return random.next() < probability
}

export function intBetween(random: Random, min: number, maxInclusive: number): number {
  return min + Math.floor(random.next() * (maxInclusive - min + 1))
}

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick: empty list')
  return items[Math.floor(random.next() * items.length)] as T
}

/** Picks by weight; weights ≤ 0 are never picked. */
export function pickWeighted<T>(random: Random, items: readonly T[], weightOf: (item: T) => number): T {
  let total = 0
  for (const item of items) total += Math.max(0, weightOf(item))
  if (total <= 0) throw new Error('pickWeighted: no item has a positive weight')
  let target = random.next() * total
  for (const item of items) {
    target -= Math.max(0, weightOf(item))
    if (target < 0) return item
  }
  return items[items.length - 1] as T
}

/** Standard normal by Box–Muller. */
export function gaussian(random: Random): number {
  const u = 1 - random.next()
  const v = random.next()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

/** Poisson count with mean `lambda`: exact (Knuth) for small means, normal approximation beyond. */
export function poisson(random: Random, lambda: number): number {
  if (lambda <= 0) return 0
  if (lambda > 200) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(random)))
  const limit = Math.exp(-lambda)
  let count = 0
  let product = random.next()
  while (product > limit) {
    count++
    product *= random.next()
  }
  return count
}
