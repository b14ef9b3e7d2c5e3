/** NLP-2: npm run train writes the same bytes from the same input. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'train-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const train = (out: string) => execFileSync('npx', ['tsx', 'server/cli/train.ts', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] })

describe('NLP-2 npm run train', () => {
  it('NLP-2 two runs write byte-identical models, equal to the committed data/nlp/model.json', () => {
    train(join(dir, 'a.json'))
    train(join(dir, 'b.json'))
    const a = readFileSync(join(dir, 'a.json'))
    expect(a.equals(readFileSync(join(dir, 'b.json')))).toBe(true)
    expect(a.equals(readFileSync('data/nlp/model.json'))).toBe(true)
  }, 60_000)
})
