/** A database that is away is a state the producer can wait out: 503 with Retry-After, not a 500. */
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { isDatabaseUnavailable } from '../db/unavailable'
import { errorHandler, RETRY_AFTER_SECONDS } from './errors'

describe('isDatabaseUnavailable', () => {
  it('knows a database that is away from a query that is wrong', () => {
    for (const away of [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      new Error('Connection terminated unexpectedly'),
    ]) assert.equal(isDatabaseUnavailable(away), true, away.message)
    for (const wrong of [
      Object.assign(new Error('duplicate key value'), { code: '23505' }),
      Object.assign(new Error('syntax error'), { code: '42601' }),
      new Error('anything else'),
      null,
      'ECONNREFUSED',
    ]) assert.equal(isDatabaseUnavailable(wrong), false, String(wrong))
  })
})

describe('errorHandler', () => {
  let base = ''
  const server = createServer(
    express()
      .post('/api/v1/events', () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
      })
      .post('/open311/v2/requests.json', () => {
        throw new Error('Connection terminated unexpectedly')
      })
      .use(errorHandler(() => undefined)),
  )
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('answers 503 with Retry-After while the database is away, in both shapes', async () => {
    const bulk = await fetch(`${base}/api/v1/events`, { method: 'POST' })
    assert.equal(bulk.status, 503)
    assert.equal(bulk.headers.get('retry-after'), String(RETRY_AFTER_SECONDS))
    assert.equal(((await bulk.json()) as { error: { code: string } }).error.code, 'database_unavailable')
    const open311 = await fetch(`${base}/open311/v2/requests.json`, { method: 'POST' })
    assert.equal(open311.status, 503)
    assert.equal(open311.headers.get('retry-after'), String(RETRY_AFTER_SECONDS))
    assert.match(((await open311.json()) as Array<{ description: string }>)[0]!.description, /not answering — retry in/)
  })
})
