/** Logs are JSON lines with stacks, and never hold a password, an API key or a caller's personal data. */
import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { captureLog } from '../test/support/log-capture'
import { redactText, silentLog } from './log'

describe('log', () => {
  it('writes one JSON object per line, with level, time and message', () => {
    const { log, raw, entries } = captureLog('info')
    log('info', 'started', { port: 8080 })
    log('debug', 'not written at info')
    log('warn', 'slow')
    assert.equal(raw.length, 2)
    const [first, second] = entries()
    assert.deepEqual([first!.level, first!.msg, first!.port], ['info', 'started', 8080])
    assert.ok(!Number.isNaN(Date.parse(String(first!.time))))
    assert.equal(second!.level, 'warn')
  })

  it('keeps the stack of an error, under `error` (the Log callers) and `err` (pino)', () => {
    const { log, entries } = captureLog()
    const error = Object.assign(new Error('relation "event" does not exist'), { code: '42P01' })
    log('error', 'a committed-batch listener failed', { error })
    log.pino.error({ err: new TypeError('boom') }, 'failed')
    const [viaLog, viaPino] = entries() as Array<{ error?: Record<string, unknown>; err?: Record<string, unknown> }>
    assert.equal(viaLog!.error!.message, 'relation "event" does not exist')
    assert.equal(viaLog!.error!.code, '42P01')
    assert.match(String(viaLog!.error!.stack), /^Error: relation "event" does not exist\n\s+at /)
    assert.match(String(viaLog!.error!.stack), /log\.test\.ts/)
    assert.equal(viaPino!.err!.type, 'TypeError')
    assert.match(String(viaPino!.err!.stack), /^TypeError: boom\n\s+at /)
  })

  it('redacts passwords in connection strings, in messages, fields and error messages', () => {
    const { log, raw } = captureLog()
    log('info', 'database: PostgreSQL at postgres://opswall:s3cr3t-pw@db.internal:5432/opswall')
    log('info', 'redis', { url: 'redis://:r3dis-pw@cache:6379/0', nested: { to: 'rediss://user:r3dis-pw2@cache:6380' } })
    log('error', 'connect failed', { error: new Error('cannot reach postgresql://app:s3cr3t-pw@db:5432/x') })
    const text = raw.join('\n')
    for (const secret of ['s3cr3t-pw', 'r3dis-pw']) assert.ok(!text.includes(secret), `${secret} leaked: ${text}`)
    assert.ok(text.includes('postgres://opswall:***@db.internal:5432/opswall'))
    assert.ok(text.includes('redis://:***@cache:6379/0'))
  })

  it('redacts personal fields and credentials up to two objects deep', () => {
    const { log, raw, entries } = captureLog()
    log('info', 'open311 request', {
      contact: { name: 'Nguyễn Văn An', phone: '0903 123 456' },
      request: { phone: '0903 123 456', email: 'an@example.vn', first_name: 'An', last_name: 'Nguyễn', api_key: 'k-123456789012' },
      headers: { authorization: 'Bearer tok-abcdef', 'x-api-key': 'k-123456789012', cookie: 'sid=abc' },
      service_code: 'flooding',
    })
    const text = raw.join('\n')
    for (const secret of ['0903', 'Nguyễn', 'an@example.vn', 'tok-abcdef', 'k-123456789012', 'sid=abc']) assert.ok(!text.includes(secret), `${secret} leaked: ${text}`)
    const entry = entries()[0] as { contact: unknown; request: Record<string, unknown>; headers: Record<string, unknown>; service_code: string }
    assert.equal(entry.contact, '[redacted]')
    assert.equal(entry.request.phone, '[redacted]')
    assert.equal(entry.headers['x-api-key'], '[redacted]')
    assert.equal(entry.service_code, 'flooding', 'other fields stay')
  })

  it('redacts an api_key in a query string', () => {
    assert.equal(redactText('POST /open311/v2/requests.json?api_key=k-123456789012&x=1'), 'POST /open311/v2/requests.json?api_key=[redacted]&x=1')
  })

  it('silentLog writes nothing and still offers a pino logger', () => {
    silentLog('error', 'nothing')
    silentLog.pino.error('nothing either')
    assert.equal(silentLog.pino.level, 'silent')
  })
})
