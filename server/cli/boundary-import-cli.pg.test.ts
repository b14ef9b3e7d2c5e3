/**
 * The import CLI as an operator runs it: a child process on DATABASE_URL, or on the embedded
 * database under DATA_DIR, with the HCMC fixtures read from /work/shared/data (never copied).
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DRIVERS } from '../../test/support/databases'
import { connectDatabase } from '../db/connect'
import { migrate } from '../db/migrate'
import { BOUNDARY_DATA as DATA, databaseForCli, runImportCli as runCli, type CliDatabase, type CliRun } from '../../test/support/import-cli'

const DISTRICTS = ['--level', 'district', '--code-prop', 'district_code', '--name-prop', 'district_name']
const WARDS = ['--level', 'ward', '--code-prop', 'ward_code', '--name-prop', 'ward_name', '--parent-prop', 'district_code']

const SUMMARY = /^imported (\d+) (\w+) units \((\d+) new, (\d+) updated, (\d+) repaired, (\d+) unlinked parents\) in \d+\.\d s\n$/

function summary(run: CliRun) {
  assert.equal(run.code, 0, run.stderr)
  const match = SUMMARY.exec(run.stdout)
  assert.ok(match, `summary line, got: ${run.stdout}`)
  const [, imported, level, inserted, updated, repaired, unlinked] = match
  return { imported: Number(imported), level, inserted: Number(inserted), updated: Number(updated), repaired: Number(repaired), unlinked: Number(unlinked) }
}

describe('import-boundaries CLI: bad input', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opswall-cli-'))
  // An address nobody listens on: these runs must fail on the input before connecting.
  const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('exits 2 with usage when --level or the file is missing', async () => {
    const noLevel = await runCli([path.join(DATA, 'hcmc-districts-22.geojson')], env)
    assert.equal(noLevel.code, 2)
    assert.match(noLevel.stderr, /--level is required/)
    assert.match(noLevel.stderr, /usage: npm run import:boundaries/)
    const noFile = await runCli([path.join(dir, 'absent.geojson'), '--level', 'ward'], env)
    assert.equal(noFile.code, 2)
    assert.match(noFile.stderr, /cannot read .*absent\.geojson: no such file/)
  })

  it('exits 1 naming the feature and property at fault', async () => {
    const file = path.join(dir, 'points.geojson')
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'P1', name: 'Điểm' }, geometry: { type: 'Point', coordinates: [106.7, 10.77] } }] }))
    const run = await runCli([file, '--level', 'ward'], env)
    assert.equal(run.code, 1)
    assert.equal(run.stderr.trim(), 'import-boundaries: feature 0 (code P1): geometry type Point is not accepted — boundaries must be Polygon or MultiPolygon')
    const wrongProp = await runCli([path.join(DATA, 'hcmc-districts-22.geojson'), '--level', 'district', '--code-prop', 'ma_huyen'], env)
    assert.equal(wrongProp.code, 1)
    assert.match(wrongProp.stderr, /feature 0: property "ma_huyen" \(the unit code\) is missing/)
    const broken = path.join(dir, 'broken.geojson')
    writeFileSync(broken, '{"type": "FeatureCollection", ')
    assert.match((await runCli([broken, '--level', 'ward'], env)).stderr, /broken\.geojson is not valid JSON/)
    assert.match((await runCli([file, '--level', 'ward', '--srid', 'utm'], env)).stderr, /--srid must be a positive integer/)
  })
})

for (const driver of DRIVERS) {
  describe(`import-boundaries CLI [${driver.name}]`, () => {
    let database: CliDatabase
    let env: Record<string, string>

    beforeAll(async () => {
      database = await databaseForCli(driver)
      env = database.env
    })
    afterAll(() => database?.drop())

    it('imports wards before their districts with warnings, then districts, then re-runs wards as updates', async () => {
      const wardsFirst = await runCli([path.join(DATA, 'hcmc-wards-312.geojson'), ...WARDS], env)
      assert.deepEqual(summary(wardsFirst), { imported: 312, level: 'ward', inserted: 312, updated: 0, repaired: 0, unlinked: 312 })
      assert.match(wardsFirst.stderr, /warning: 26734: parent 760 is not imported \(yet\)/)
      assert.match(wardsFirst.stderr, /312 ward units \(code "ward_code", name "ward_name", parent "district_code", SRID 4326\)/)

      const districts = await runCli([path.join(DATA, 'hcmc-districts-22.geojson'), ...DISTRICTS], env)
      assert.deepEqual(summary(districts), { imported: 22, level: 'district', inserted: 22, updated: 0, repaired: 0, unlinked: 0 })

      const wardsAgain = await runCli([path.join(DATA, 'hcmc-wards-312.geojson'), ...WARDS], env)
      assert.deepEqual(summary(wardsAgain), { imported: 312, level: 'ward', inserted: 0, updated: 312, repaired: 0, unlinked: 0 })
      assert.doesNotMatch(wardsAgain.stderr, /warning/)
    })

    it('refuses district codes imported as another level, exit 1', async () => {
      const run = await runCli([path.join(DATA, 'hcmc-districts-22.geojson'), '--level', 'province', '--code-prop', 'district_code', '--name-prop', 'district_name'], env)
      assert.equal(run.code, 1)
      assert.match(run.stderr, /^import-boundaries: 22 code\(s\) already exist at another level: 760 \(district\), 761 \(district\)/m)
    })
  })
}

describe('import-boundaries CLI beside a running embedded server', () => {
  it('refuses the embedded folder another process holds, says what to do, and changes nothing', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opswall-held-'))
    // This process plays the running server: it holds the folder the CLI is pointed at.
    const server = connectDatabase({ dataDir })
    try {
      const run = await runCli([path.join(DATA, 'hcmc-districts-22.geojson'), ...DISTRICTS], { DATA_DIR: dataDir })
      assert.equal(run.code, 1)
      assert.match(run.stderr, new RegExp(`open in process ${process.pid} \\(a running OpsWall\\?\\) — stop it first`))
      await migrate(server)
      assert.equal((await server.query<{ n: number }>('SELECT count(*)::int AS n FROM boundary')).rows[0]!.n, 0, 'nothing was imported')
    } finally {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
