/** NLP-4: the classify CLI's exact contract, spawned as other tools run it. */
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

const BOUNDARIES = ['hcmc-districts-22.geojson', 'hcmc-wards-312.geojson'].map((f) => new URL(`../../../shared/data/boundaries/${f}`, import.meta.url).pathname)

describe('NLP-4 classify CLI', () => {
  it('NLP-4 one NDJSON line per input line, in order; a bad line gets an error line; nothing else on stdout', () => {
    const input = [
      JSON.stringify({ text: 'Ngập sâu ở phường Tân Phong quận 7 sau mưa, xe chết máy 😩' }),
      'không phải JSON',
      JSON.stringify({ text: 'hàng xóm hát karaoke tới 1h sáng ở P.12 Q.Gò Vấp, ồn ko ngủ được' }),
    ].join('\n')
    const stdout = execFileSync('npx', ['tsx', 'server/cli/classify.ts', '--boundaries', BOUNDARIES.join(',')], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] })
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line))
    expect(lines).toHaveLength(3)
    const [flood, bad, noise] = lines
    expect(Object.keys(flood)).toEqual(['category', 'group', 'confidence', 'sentiment', 'places'])
    expect(flood).toMatchObject({ category: 'flooding', group: 'flooding', sentiment: 'negative' })
    expect(flood.places).toEqual([
      { level: 'ward', code: '27490', name: 'Phường Tân Phong' },
      { level: 'district', code: '778', name: 'Quận 7' },
    ])
    expect(flood.confidence).toBeGreaterThan(0.5)
    expect(flood.confidence).toBeLessThanOrEqual(1)
    expect(Object.keys(bad)).toEqual(['error'])
    expect(bad.error).toMatch(/^line 2 is not JSON/)
    expect(noise).toMatchObject({ category: 'noise', group: 'noise', sentiment: 'negative' })
    expect(noise.places).toEqual([
      { level: 'ward', code: '26881', name: 'Phường 12' },
      { level: 'district', code: '764', name: 'Quận Gò Vấp' },
    ])
  }, 60_000)
})
