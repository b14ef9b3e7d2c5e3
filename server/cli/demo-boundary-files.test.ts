import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parseBoundaryFeatures } from '../core/boundary-features'
import { makeDemoBoundaries } from './make-demo-boundaries'

const read = (name: string) => readFileSync(new URL(`../../data/demo/${name}`, import.meta.url), 'utf8')

describe('demo boundary files', () => {
  const made = makeDemoBoundaries()

  it('are what make-demo-boundaries writes (regenerate them after changing it)', () => {
    assert.equal(read('hcmc-demo-districts.geojson'), `${JSON.stringify(made.districts)}\n`)
    assert.equal(read('hcmc-demo-wards.geojson'), `${JSON.stringify(made.wards)}\n`)
  })

  it('are small, marked demo, at 5 decimals, and import cleanly', () => {
    for (const name of ['hcmc-demo-districts.geojson', 'hcmc-demo-wards.geojson']) {
      const text = read(name)
      assert.ok(text.length < 300 * 1024, `${name} is ${text.length} bytes`)
      assert.ok(!/\d\.\d{6,}/.test(text), `${name} has coordinates beyond 5 decimals`)
    }
    const districts = parseBoundaryFeatures(made.districts, { level: 'district' }).units
    const wards = parseBoundaryFeatures(made.wards, { level: 'ward', parentProp: 'district_code' }).units
    assert.equal(districts.length, 22)
    assert.ok([...districts, ...wards].every((u) => u.properties.demo === true))
    const codes = new Set(districts.map((d) => d.code))
    assert.ok(wards.every((w) => w.parentCode !== null && codes.has(w.parentCode) && w.code.startsWith(`${w.parentCode}-`)))
    assert.equal(districts.find((d) => d.code === '769')?.name, 'Thành phố Thủ Đức')
    // 17 urban districts × 3–6 demo wards
    assert.ok(wards.length >= 17 * 3 && wards.length <= 17 * 6, `${wards.length} demo wards`)
  })
})
