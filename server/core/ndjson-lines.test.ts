import assert from 'node:assert/strict'
import { describe, it } from 'vitest'
import { NdjsonLines, type NdjsonLine } from './ndjson-lines'

const bytes = (text: string) => new TextEncoder().encode(text)

function cut(chunks: Uint8Array[], maxLineBytes?: number): NdjsonLine[] {
  const lines = new NdjsonLines(maxLineBytes)
  return [...chunks.flatMap((chunk) => lines.push(chunk)), ...lines.end()]
}

describe('NdjsonLines (ING-5)', () => {
  it('numbers lines across chunks, whatever the chunks cut through (a character included)', () => {
    const body = bytes('{"a":1}\n\n{"text":"Phường Bến Nghé"}\r\nlast')
    const expected = [
      { line: 1, text: '{"a":1}' },
      { line: 2, text: '' },
      { line: 3, text: '{"text":"Phường Bến Nghé"}\r' },
      { line: 4, text: 'last' },
    ]
    for (let size = 1; size <= body.length; size++) {
      const chunks = Array.from({ length: Math.ceil(body.length / size) }, (_, i) => body.subarray(i * size, (i + 1) * size))
      assert.deepEqual(cut(chunks), expected, `chunks of ${size} bytes`)
    }
  })

  it('has no line after a final newline, and none in an empty body', () => {
    assert.deepEqual(cut([bytes('x\n')]), [{ line: 1, text: 'x' }])
    assert.deepEqual(cut([]), [])
  })

  it('reports a line over the limit as a fault of its own and reads on from its end', () => {
    const lines = cut([bytes('ok\n' + 'y'.repeat(10)), bytes('y'.repeat(10) + '\nnext\n')], 16)
    assert.deepEqual(lines[0], { line: 1, text: 'ok' })
    assert.equal(lines[1]!.line, 2)
    assert.match((lines[1] as { fault: string }).fault, /longer than 16 bytes/)
    assert.deepEqual(lines[2], { line: 3, text: 'next' })
  })

  it('refuses bytes that are not UTF-8 (half a surrogate pair encoded on its own) instead of replacing them', () => {
    const lone = Uint8Array.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d, 0x0a])
    const [line] = cut([lone, bytes('{}\n')])
    assert.match((line as { fault: string }).fault, /not valid UTF-8/)
    assert.deepEqual(cut([lone, bytes('{}\n')])[1], { line: 2, text: '{}' })
  })

  it('takes time linear in the length of one endless line (each byte is scanned once)', () => {
    // split2 joined and re-split the open line on every chunk: 20 MB without a newline took 8 s.
    const chunk = new Uint8Array(65_536).fill(0x61)
    const lines = new NdjsonLines()
    for (let i = 0; i < 16 * 50; i++) assert.deepEqual(lines.push(chunk), [])
    assert.match((lines.end()[0] as { fault: string }).fault, /longer than/)
  })
})
