import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { parseRating, parseStatusChange, parseStatusLine, statusLineSchema } from './complaint-input'

const NOW = new Date('2026-11-24T03:00:00Z')

describe('complaint inputs (LIFE-2, LIFE-4)', () => {
  it('a change defaults `at` to now and blank optional fields to none', () => {
    const parsed = parseStatusChange({ status: 'resolved', unit: '', note: null }, NOW)
    assert.deepEqual(parsed, { ok: true, change: { status: 'resolved', at: NOW, unit: null, note: null } })
  })

  it('names the field and says what to send', () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [[{ status: 'closed' }], '(body)', /must be a JSON object with the fields status, at, unit, note/],
      [{ status: 'closed', by: 'me' }, 'by', /not a field here/],
      [{ status: 'done' }, 'status', /"done" is not one of received, assigned, in_progress, resolved, closed, reopened, rejected/],
      [{ status: 'closed', at: '2026-11-24 10:00' }, 'at', /ISO 8601/],
      [{ status: 'closed', note: 'x'.repeat(2001) }, 'note', /limit is 2000/],
    ]
    for (const [body, field, reason] of cases) {
      const parsed = parseStatusChange(body, NOW)
      assert.equal(parsed.ok, false, JSON.stringify(body))
      if (!parsed.ok) {
        assert.equal(parsed.field, field)
        assert.match(parsed.reason, reason)
      }
    }
  })

  it('a feed line needs its source_id and at, and may only state the key\'s source', () => {
    const schema = statusLineSchema('1022')
    assert.deepEqual(parseStatusLine(schema, { source_id: 42, status: 'closed', at: '2026-11-24T09:00:00+07:00' }), {
      ok: true,
      line: { sourceId: '42', status: 'closed', at: new Date('2026-11-24T02:00:00Z'), unit: null, note: null },
    })
    const missing = parseStatusLine(schema, { source_id: 'A', status: 'closed' })
    assert.ok(!missing.ok && missing.field === 'at')
    const other = parseStatusLine(schema, { source: 'social', source_id: 'A', status: 'closed', at: '2026-11-24T09:00:00+07:00' })
    assert.ok(!other.ok && other.field === 'source' && /writes as "1022"/.test(other.reason))
  })

  it('a rating is a whole score from 1 to 5', () => {
    assert.deepEqual(parseRating({ score: 5, comment: 'Tốt' }), { ok: true, score: 5, comment: 'Tốt' })
    for (const score of [0, 6, 4.5, '4', null]) {
      const parsed = parseRating({ score })
      assert.ok(!parsed.ok && parsed.field === 'score', String(score))
    }
  })
})
