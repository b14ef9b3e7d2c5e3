import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadNormaliser } from './load-normaliser'

describe('NLP-1 loading the normaliser data', () => {
  it('NLP-1 the shipped data/nlp files load', () => {
    expect(loadNormaliser()('Kẹt xe Q.7').tokens).toEqual(['kẹt_xe', 'quận', '7'])
  })

  it('NLP-1 a broken file stops the start naming the folder, the entry and the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlp-'))
    writeFileSync(join(dir, 'words.txt'), '# comment\nngập nước\n')
    writeFileSync(join(dir, 'abbreviations.json'), JSON.stringify({ words: { KO: 'không' }, numbered: {}, dotted: {}, after: {}, afterNumber: {} }))
    expect(() => loadNormaliser(dir)).toThrow(/cannot load the normaliser's data from .*nlp-.*abbreviations\.words\["KO"\]: a key is one lower-case word/)
    expect(() => loadNormaliser(join(dir, 'missing'))).toThrow(/cannot load the normaliser's data from .*missing.*ENOENT/)
  })
})
