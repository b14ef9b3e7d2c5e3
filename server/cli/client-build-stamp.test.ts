import { afterEach, beforeEach, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { decideClientBuild, hashClientInputs, readBuildStamp, STAMP_FILE, writeBuildStamp } from './client-build-stamp'

describe('client build stamp', () => {
  let root: string
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), text)
  }

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'opswall-stamp-'))
    write('client/app/main.ts', 'mount()')
    write('client/app/main.test.ts', 'test()')
    write('server/core/protocol.ts', 'export const PROTOCOL = 3')
    write('server/http/app.ts', 'express()')
    write('index.html', '<div id="app"></div>')
    write('vite.config.ts', 'export default {}')
    write('package-lock.json', '{"lockfileVersion":3}')
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('hashes contents, not modification times', () => {
    const before = hashClientInputs(root)
    utimesSync(path.join(root, 'client/app/main.ts'), new Date(2020, 0, 1), new Date(2020, 0, 1))
    assert.equal(hashClientInputs(root), before)
    write('client/app/main.ts', 'mount(2)')
    assert.notEqual(hashClientInputs(root), before)
  })

  it('changes with every input the build reads: client, server/core, config, lock file, a new .env', () => {
    const seen = new Set([hashClientInputs(root)])
    for (const [file, text] of [
      ['client/map/new-layer.ts', 'layer()'],
      ['server/core/protocol.ts', 'export const PROTOCOL = 4'],
      ['index.html', '<div id="wall"></div>'],
      ['vite.config.ts', 'export default { base: "/" }'],
      ['package-lock.json', '{"lockfileVersion":3,"packages":{}}'],
      ['.env', 'VITE_X=1'],
    ] as const) {
      write(file, text)
      const hash = hashClientInputs(root)
      assert.ok(!seen.has(hash), `${file} changed the hash`)
      seen.add(hash)
    }
  })

  it('ignores what the bundle never reads: tests, server code outside core', () => {
    const before = hashClientInputs(root)
    write('client/app/main.test.ts', 'test(2)')
    write('server/core/windows.pg.test.ts', 'test()')
    write('server/http/app.ts', 'express(2)')
    assert.equal(hashClientInputs(root), before)
  })

  it('a renamed file is a change even with the same content', () => {
    const before = hashClientInputs(root)
    rmSync(path.join(root, 'client/app/main.ts'))
    write('client/app/start.ts', 'mount()')
    assert.notEqual(hashClientInputs(root), before)
  })

  it('reads back the stamp it wrote; a missing or broken stamp reads as none', () => {
    const out = path.join(root, 'dist/client')
    mkdirSync(out, { recursive: true })
    assert.equal(readBuildStamp(out), null)
    writeBuildStamp(out, 'abc', new Date('2026-11-25T01:00:00Z'))
    assert.deepEqual(readBuildStamp(out), { inputs: 'abc', builtAt: '2026-11-25T01:00:00.000Z' })
    writeFileSync(path.join(out, STAMP_FILE), '{"inputs":')
    assert.equal(readBuildStamp(out), null)
  })

  it('decides: build when forced, when there is no build or stamp, when the inputs differ; else skip', () => {
    const stamp = { inputs: 'h1', builtAt: '2026-11-25T01:00:00.000Z' }
    const same = { inputs: 'h1', stamp, hasIndexHtml: true, force: false }
    assert.deepEqual(decideClientBuild(same), { build: false, reason: 'built 2026-11-25T01:00:00.000Z from the same sources' })
    assert.equal(decideClientBuild({ ...same, inputs: 'h2' }).build, true)
    assert.equal(decideClientBuild({ ...same, stamp: null }).build, true)
    assert.equal(decideClientBuild({ ...same, hasIndexHtml: false }).build, true)
    assert.equal(decideClientBuild({ ...same, force: true }).build, true)
  })

  it('end to end in a temp dir: stale after a source edit, fresh after the stamp is written', () => {
    const out = path.join(root, 'dist/client')
    mkdirSync(out, { recursive: true })
    write('dist/client/index.html', '<built>')
    const decide = () => decideClientBuild({ inputs: hashClientInputs(root), stamp: readBuildStamp(out), hasIndexHtml: true, force: false }).build
    assert.equal(decide(), true)
    writeBuildStamp(out, hashClientInputs(root), new Date())
    assert.equal(decide(), false)
    write('client/wall/WallPage.svelte', '<main></main>')
    assert.equal(decide(), true)
  })
})
