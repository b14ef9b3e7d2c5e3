/**
 * Masking on hostile text (PRIV-7): the worst shapes a producer can send, at 1,000 and 4,000
 * characters. Linear work makes the 4,000 figure about 4× the 1,000 one; quadratic, about 16×.
 */
import { maskPersonalData } from '../server/core/privacy'
import { median, progress } from './stats'
import type { BenchRow } from './types'

const SHAPES: Record<string, (length: number) => string> = {
  'letters, no space': (n) => 'a'.repeat(n),
  'digits, no space': (n) => '0'.repeat(n),
  'a.a.a… (dotted)': (n) => 'a.'.repeat(n / 2),
  'x@a.a.a… (endless domain)': (n) => 'x@' + 'a.'.repeat(n / 2),
  'a@a@a… (many @)': (n) => 'a@'.repeat(n / 2),
  'anh AAAA… (honorific)': (n) => 'anh ' + 'A'.repeat(n),
}

function microseconds(text: string): number {
  const runs: number[] = []
  for (let i = 0; i < 25; i++) {
    const started = process.hrtime.bigint()
    maskPersonalData(text)
    runs.push(Number(process.hrtime.bigint() - started) / 1000)
  }
  return median(runs)
}

export async function runPrivacyBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const [shape, make] of Object.entries(SHAPES)) {
    progress(`masking ${shape}`)
    const short = microseconds(make(1000))
    const long = microseconds(make(4000))
    rows.push({ bench: 'masking', metric: `${shape}, 4,000 characters`, value: Number(long.toFixed(1)), unit: 'µs median', note: `1,000 characters: ${short.toFixed(1)} µs; ratio ${(long / short).toFixed(1)} (linear ≈ 4)` })
  }
  return rows
}
