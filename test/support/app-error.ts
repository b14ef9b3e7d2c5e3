import assert from 'node:assert/strict'
import { AppError } from '../../server/core/errors'

/** The AppError `fn` throws (status, field, message); fails the test when it throws none. */
export function appErrorOf(fn: () => unknown): { status: number; field: string | undefined; message: string } {
  try {
    fn()
  } catch (error) {
    assert.ok(error instanceof AppError, String(error))
    return { status: error.status, field: error.field, message: error.message }
  }
  assert.fail('expected an AppError')
}
