import assert from 'node:assert/strict'
import { describe, it } from 'vitest'
import { cellToParent, latLngToCell } from 'h3-js'
import { AppError } from './errors'
import { parseReplayQuery, replayFrames, replayMinutes } from './replay'

const NOW = new Date('2026-11-25T03:00:00Z')
const R9 = latLngToCell(10.77, 106.7, 9)
const R9_OTHER = latLngToCell(10.78, 106.69, 9)
const at = (iso: string) => Date.parse(iso)

describe('replay (CON-9)', () => {
  it('CON-9 defaults: the city, r8, the last 24 h at 5 minutes, a 1 h window, both layers', () => {
    const query = parseReplayQuery({}, { now: NOW })
    assert.deepEqual(query, { scope: 'city', res: 8, from: new Date('2026-11-24T03:00:00Z'), to: NOW, stepMinutes: 5, window: '1h', kinds: ['complaint', 'mention'] })
    assert.deepEqual(replayMinutes(query), { first: new Date('2026-11-24T02:01:00Z'), last: NOW })
  })

  it('CON-9 a frame holds the minutes in (t − window, t], summed per parent cell, as the live window does', () => {
    const query = parseReplayQuery({ from: '2026-11-25T01:00:00Z', to: '2026-11-25T03:00:00Z', step: '1h', res: '8' }, { now: NOW })
    const rows = [
      { minute_ms: at('2026-11-25T00:00:00Z'), kind: 'complaint' as const, cell: R9, count: 2 }, // not in (00:00, 01:00]
      { minute_ms: at('2026-11-25T00:01:00Z'), kind: 'complaint' as const, cell: R9_OTHER, count: 1 }, // in the 01:00 frame only
      { minute_ms: at('2026-11-25T02:00:00Z'), kind: 'mention' as const, cell: R9, count: 3 }, // in the 02:00 frame only
      { minute_ms: at('2026-11-25T02:30:00Z'), kind: 'complaint' as const, cell: R9, count: 1 }, // in the 03:00 frame
    ]
    const replay = replayFrames(query, rows)
    const parent = cellToParent(R9, 8)
    const other = cellToParent(R9_OTHER, 8)
    assert.deepEqual(replay.frames.map((f) => f.at), ['2026-11-25T01:00:00.000Z', '2026-11-25T02:00:00.000Z', '2026-11-25T03:00:00.000Z'])
    assert.deepEqual(replay.frames[0]!.cells, [{ cell: other, layer: 'complaints', count: 1 }])
    assert.deepEqual(replay.frames[1]!.cells, [{ cell: parent, layer: 'mentions', count: 3 }])
    assert.deepEqual(replay.frames[2]!.cells, [{ cell: parent, layer: 'complaints', count: 1 }])
  })

  it('CON-7 a step under a minute or too many frames, res out of range, from after to, another window: each names its field', () => {
    const fault = (raw: Record<string, unknown>, field: string) => assert.throws(() => parseReplayQuery(raw, { now: NOW }), (e: unknown) => e instanceof AppError && e.status === 400 && e.field === field, JSON.stringify(raw))
    fault({ step: '0m' }, 'step')
    fault({ step: '1m', from: '2026-11-20T00:00:00Z' }, 'step')
    fault({ res: '10' }, 'res')
    fault({ res: 'x' }, 'res')
    fault({ from: '2026-11-26T00:00:00Z', to: '2026-11-25T00:00:00Z' }, 'from')
    fault({ window: '7d' }, 'window')
    fault({ speed: '60' }, 'speed')
  })
})
