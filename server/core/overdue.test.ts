import assert from 'node:assert/strict'
import { test } from 'vitest'
import { cellToParent, latLngToCell } from 'h3-js'
import { overdueCellsAt, sameOverdueByR9, sameOverdueCells } from './overdue'

// Two r9 cells under one r7 parent, a third elsewhere in the city.
const A = latLngToCell(10.7725, 106.698, 9)
const B = latLngToCell(10.7735, 106.699, 9)
const FAR = latLngToCell(10.85, 106.6, 9)

test('LIVE-15 overdue counts per r9 cell are summed into their parents at the subscription\'s resolution', () => {
  assert.notEqual(A, B)
  assert.equal(cellToParent(A, 7), cellToParent(B, 7), 'the fixture: A and B share an r7 parent')
  const byR9 = new Map([[A, 2], [B, 1], [FAR, 4]])
  const expected7 = [
    { cell: cellToParent(A, 7), count: 3 },
    { cell: cellToParent(FAR, 7), count: 4 },
  ].sort((x, y) => x.cell.localeCompare(y.cell))
  assert.deepEqual(overdueCellsAt(byR9, 7), expected7)
  assert.deepEqual(
    overdueCellsAt(byR9, 9),
    [{ cell: A, count: 2 }, { cell: B, count: 1 }, { cell: FAR, count: 4 }].sort((x, y) => x.cell.localeCompare(y.cell)),
  )
  assert.deepEqual(overdueCellsAt(new Map(), 6), [])
})

test('LIVE-15 a layer is the same whatever order the database listed its cells in', () => {
  const one = overdueCellsAt(new Map([[A, 1], [FAR, 2]]), 8)
  const other = overdueCellsAt(new Map([[FAR, 2], [A, 1]]), 8)
  assert.ok(sameOverdueCells(one, other))
  assert.ok(!sameOverdueCells(one, overdueCellsAt(new Map([[A, 1], [FAR, 3]]), 8)))
  assert.ok(!sameOverdueCells(one, []))
  assert.ok(sameOverdueByR9(new Map([[A, 1], [FAR, 2]]), new Map([[FAR, 2], [A, 1]])))
  assert.ok(!sameOverdueByR9(new Map([[A, 1]]), new Map([[A, 1], [FAR, 2]])))
  assert.ok(!sameOverdueByR9(new Map([[A, 1]]), new Map([[A, 2]])))
})
