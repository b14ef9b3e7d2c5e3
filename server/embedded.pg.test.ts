/** The embedded default: PGlite + PostGIS in a data folder, demo boundaries, data kept across restarts. */
import { afterAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from './config'
import { startOpsWall } from './app'
import { captureLog } from '../test/support/log-capture'

describe('embedded default (no DATABASE_URL)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opswall-embedded-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
  const config = () => loadConfig({ PORT: '0', DATA_DIR: dataDir, OPSWALL_SIMULATOR: '0' })
  const recorder = () => {
    const captured = captureLog('info')
    return { log: captured.log, get lines() { return captured.messages() } }
  }

  it('creates its database, loads demo boundaries, and keeps the data across a restart', async () => {
    const firstLog = recorder()
    const first = await startOpsWall(config(), { clientDir: null, host: '127.0.0.1', log: firstLog.log })
    let districts: number
    try {
      assert.deepEqual(await (await fetch(`${first.url}/readyz`)).json(), { status: 'ready', driver: 'pglite' })
      const { levels } = (await (await fetch(`${first.url}/api/v1/boundaries/levels`)).json()) as { levels: Array<{ level: string; count: number }> }
      districts = levels.find((l) => l.level === 'district')?.count ?? 0
      assert.ok(districts >= 20, `demo districts loaded (${districts})`)
      const res = await fetch(`${first.url}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'opswall-dev-key' },
        body: JSON.stringify({ kind: 'complaint', source_id: 'keep-me', occurred_at: new Date().toISOString(), lat: 10.7725, lon: 106.6981, category: 'flooding' }),
      })
      assert.equal((await res.json()).accepted, 1)
      const stored = (await first.db.query<{ units: string[] }>(`SELECT units FROM event`)).rows[0]!
      assert.equal(stored.units[0], '760', 'a point at Bến Thành lands in the demo Quận 1')
    } finally {
      await first.close()
    }

    assert.ok(firstLog.lines.some((l) => l.startsWith('migrations applied')))
    assert.ok(firstLog.lines.some((l) => l.startsWith('demo boundaries loaded')))
    const secondLog = recorder()
    const second = await startOpsWall(config(), { clientDir: null, host: '127.0.0.1', log: secondLog.log })
    try {
      const rows = (await second.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM event WHERE source_id = 'keep-me'`)).rows
      assert.equal(rows[0]!.n, 1, 'the event survived the restart')
      const units = (await second.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM boundary WHERE level = 'district'`)).rows[0]!.n
      assert.equal(units, districts, 'demo boundaries are not loaded twice')
      assert.deepEqual(secondLog.lines.filter((l) => /^(migrations applied|demo boundaries loaded)/.test(l)), [], 'a restart skips set-up')
    } finally {
      await second.close()
    }
  })
})
