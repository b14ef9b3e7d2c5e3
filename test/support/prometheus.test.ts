import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { Counter, Histogram, Registry } from 'prom-client'
import { parsePrometheusText, sampleValue } from './prometheus'

describe('strict Prometheus text parser (test support)', () => {
  it('reads what prom-client writes: help, type, escaped labels, histogram buckets', async () => {
    const registry = new Registry()
    new Counter({ name: 'a_total', help: 'with \\ backslash\nand line', labelNames: ['x'], registers: [registry] }).inc({ x: 'quote " back \\ nl \n' }, 3)
    new Histogram({ name: 'h_seconds', help: 'h', buckets: [0.1, 1], registers: [registry] }).observe(0.5)
    const families = parsePrometheusText(await registry.metrics())
    assert.equal(families.get('a_total')?.type, 'counter')
    assert.equal(families.get('a_total')?.help, 'with \\ backslash\nand line')
    assert.equal(sampleValue(families, 'a_total', { x: 'quote " back \\ nl \n' }), 3)
    assert.equal(sampleValue(families, 'h_seconds_bucket', { le: '0.1' }), 0)
    assert.equal(sampleValue(families, 'h_seconds_bucket', { le: '+Inf' }), 1)
    assert.equal(sampleValue(families, 'h_seconds_count'), 1)
    assert.equal(families.get('h_seconds')?.samples.length, 5)
    const special = parsePrometheusText('a Nan\nb +Inf\nc -inf\n')
    assert.deepEqual([sampleValue(special, 'a'), sampleValue(special, 'b'), sampleValue(special, 'c')], [NaN, Infinity, -Infinity])
  })

  it('refuses what is not the text format', () => {
    const bad = [
      'a 1', // no final line feed
      'a{x="1"} one\n',
      'a{x=1} 1\n',
      'a{x="1",x="2"} 1\n',
      'a{x="\\q"} 1\n',
      '# TYPE a countr\na 1\n',
      'a 1\n# TYPE a counter\n',
      'a 1\nb 1\na 2\n',
      'a -nan\n',
      'a{x="1"} 1\na{x="1"} 2\n',
      '# TYPE h histogram\nh_bucket 1\n',
      '<html>\n',
    ]
    for (const text of bad) assert.throws(() => parsePrometheusText(text), Error, JSON.stringify(text))
  })
})
