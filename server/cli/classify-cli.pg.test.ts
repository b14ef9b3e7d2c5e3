/** NLP-4 without --boundaries: the classify CLI builds its gazetteer from the boundaries npm run import:boundaries stored. */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRIVERS } from '../../test/support/databases'
import { BOUNDARY_DATA as DATA, databaseForCli, type CliDatabase } from '../../test/support/import-cli'

function classify(input: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'server/cli/classify.ts'], { env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
    child.stdin?.end(input)
  })
}

for (const driver of DRIVERS) {
  describe(`NLP-4 classify CLI on the database's boundaries [${driver.name}]`, () => {
    let database: CliDatabase
    beforeAll(async () => {
      database = await databaseForCli(driver)
    })
    afterAll(() => database?.drop())

    it('NLP-4 says what to do while no boundaries are stored, then finds places by the stored codes', async () => {
      const before = await classify('{"text": "ngập ở phường Tân Phong quận 7"}\n', database.env)
      expect(before.code).toBe(1)
      expect(before.stdout).toBe('')
      expect(before.stderr).toMatch(/import them with npm run import:boundaries, or pass --boundaries/)

      for (const args of [
        [path.join(DATA, 'hcmc-districts-22.geojson'), '--level', 'district'],
        [path.join(DATA, 'hcmc-wards-312.geojson'), '--level', 'ward', '--parent-prop', 'district_code'],
      ]) {
        const run = await database.run(args)
        expect(run.code, run.stderr).toBe(0)
      }
      const after = await classify('{"text": "ngập ở phường Tân Phong quận 7"}\n', database.env)
      expect(after.code, after.stderr).toBe(0)
      const [line, ...rest] = after.stdout.trimEnd().split('\n')
      expect(rest).toEqual([])
      expect(JSON.parse(line!).places).toEqual([
        { level: 'ward', code: '27490', name: 'Phường Tân Phong' },
        { level: 'district', code: '778', name: 'Quận 7' },
      ])
    }, 300_000)
  })
}
