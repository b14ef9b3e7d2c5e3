import { test } from 'vitest'
import assert from 'node:assert/strict'
import { bucketAt, formatRecordTime, histogramBars, isoToLocalInput, localInputToIso, replayBanner, slaLabel, statusLabel } from './console-format'

test('CON-UI-3: record times are Ho Chi Minh City time with the day, whatever the machine zone', () => {
  assert.equal(formatRecordTime('vi', '2026-11-25T07:35:00Z'), '25/11 14:35')
  assert.equal(formatRecordTime('en', '2026-11-25T17:05:00Z'), '26/11 00:05')
  assert.equal(formatRecordTime('vi', 'garbage'), '—')
})

test('CON-UI-3: statuses and SLA states are named in the screen language', () => {
  assert.equal(statusLabel('vi', 'in_progress'), 'Đang xử lý')
  assert.equal(statusLabel('en', 'in_progress'), 'In progress')
  assert.equal(statusLabel('vi', null), '')
  assert.equal(slaLabel('vi', 'open_overdue'), 'Quá hạn')
  assert.equal(slaLabel('en', 'resolved_late'), 'Resolved late')
  assert.equal(slaLabel('en', null), '')
})

test('CON-UI-3: histogram bars stack the layers shown, scaled to the busiest bucket; the replay marks its bucket', () => {
  const histogram = {
    from: '2026-11-25T00:00:00Z',
    to: '2026-11-25T00:45:00Z',
    bucket_minutes: 15,
    buckets: [
      { start: '2026-11-25T00:00:00Z', complaints: 2, mentions: 2 },
      { start: '2026-11-25T00:15:00Z', complaints: 0, mentions: 0 },
      { start: '2026-11-25T00:30:00Z', complaints: 1, mentions: 7 },
    ],
  }
  const both = histogramBars(histogram, ['complaints', 'mentions'])
  assert.equal(both.max, 8)
  assert.equal(both.total, 12)
  assert.deepEqual(both.bars[0]!.heights, { complaints: 0.25, mentions: 0.25 })
  const complaints = histogramBars(histogram, ['complaints'])
  assert.equal(complaints.max, 2)
  assert.deepEqual(complaints.bars[2]!.heights, { complaints: 0.5, mentions: 0 })
  assert.equal(bucketAt(both.bars, 15, Date.parse('2026-11-25T00:20:00Z')), 1)
  assert.equal(bucketAt(both.bars, 15, Date.parse('2026-11-25T00:45:00Z')), -1)
})

test('CON-UI-5: the replay banner names the replayed time in Ho Chi Minh City time', () => {
  assert.equal(replayBanner('vi', Date.parse('2026-11-25T07:35:00Z')), 'ĐANG PHÁT LẠI 14:35')
  assert.equal(replayBanner('en', Date.parse('2026-11-25T07:35:00Z')), 'REPLAY 14:35')
})

test('CON-UI-2: a custom range typed on the page is Ho Chi Minh City time', () => {
  assert.equal(localInputToIso('2026-11-25T14:35'), '2026-11-25T07:35:00.000Z')
  assert.equal(localInputToIso('25/11/2026'), null)
  assert.equal(isoToLocalInput('2026-11-25T07:35:00.000Z'), '2026-11-25T14:35')
})
