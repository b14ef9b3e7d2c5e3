import assert from 'node:assert/strict'
import { describe, it } from 'vitest'
import { consoleItem, slaState, type EventRow } from './console-item'

const NOW = new Date('2026-11-25T03:00:00Z')
const ROW: EventRow = {
  id: '7', kind: 'complaint', occurred_at: '2026-11-25T01:00:00Z', received_at: new Date('2026-11-25T01:00:05Z'), category: 'flooding',
  category_confidence: null, sentiment: 'negative', source: 'hotline', source_id: 'h-7', text: 'Ngập, gọi 0903 123 456', precision: 'point',
  units: ['D1', 'W1'], cell_r9: '8965...', status: 'received', due_at: '2026-11-25T05:00:00Z', clock_stopped_at: null, resolved_on_time: null,
}

describe('console item (CON-4)', () => {
  it('CON-4 the SLA state of a complaint now', () => {
    assert.equal(slaState(ROW, NOW), 'open_on_time')
    assert.equal(slaState(ROW, new Date('2026-11-25T06:00:00Z')), 'open_overdue')
    assert.equal(slaState({ ...ROW, status: 'resolved', clock_stopped_at: NOW, resolved_on_time: true }, NOW), 'resolved_on_time')
    assert.equal(slaState({ ...ROW, status: 'closed', clock_stopped_at: NOW, resolved_on_time: false }, NOW), 'resolved_late')
    assert.equal(slaState({ ...ROW, status: 'rejected', clock_stopped_at: NOW }, new Date('2026-11-26T00:00:00Z')), 'rejected')
    assert.equal(slaState({ ...ROW, kind: 'mention', status: null }, NOW), null)
  })

  it('CON-4 the text is masked; times are ISO; a mention has no status', () => {
    const item = consoleItem(ROW, NOW, () => 'flooding')
    assert.equal(item.text, 'Ngập, gọi ***')
    assert.equal(item.occurred_at, '2026-11-25T01:00:00.000Z')
    assert.equal(item.received_at, '2026-11-25T01:00:05.000Z')
    assert.equal(item.group, 'flooding')
    assert.equal(item.overdue, false)
    const mention = consoleItem({ ...ROW, kind: 'mention', status: null, due_at: null }, NOW, () => undefined)
    assert.deepEqual([mention.layer, mention.status, mention.due_at, mention.overdue, mention.sla_state, mention.group], ['mentions', null, null, null, null, null])
  })
})
