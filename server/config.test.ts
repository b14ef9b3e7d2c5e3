import { describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { ConfigError, DEFAULT_JURISDICTION, DEV_API_KEY, loadConfig, redactUrl } from './config'

describe('loadConfig', () => {
  it('defaults to the embedded demo: port 8080, .opswall, simulator on, dev key', () => {
    const config = loadConfig({})
    assert.equal(config.port, 8080)
    assert.equal(config.databaseUrl, undefined)
    assert.match(config.dataDir, /\.opswall$/)
    assert.equal(config.simulator, true)
    assert.equal(config.apiKeys.get(DEV_API_KEY), 'demo')
    assert.equal(config.jurisdiction, DEFAULT_JURISDICTION)
  })

  it('OPEN311-3 answers for one jurisdiction, spelt in lower case', () => {
    assert.equal(loadConfig({ OPSWALL_JURISDICTION: ' Danang.gov.vn ' }).jurisdiction, 'danang.gov.vn')
  })

  it('turns the simulator off by default on a real database, unless asked', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://h/db' }).simulator, false)
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://h/db', OPSWALL_SIMULATOR: '1' }).simulator, true)
  })

  it('names the variable at fault', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ PORT: 'eighty' }, /^PORT/],
      [{ PORT: '70000' }, /^PORT/],
      [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL/],
      [{ REDIS_URL: 'localhost:6379' }, /^REDIS_URL/],
      [{ OPSWALL_SIMULATOR: 'yes' }, /^OPSWALL_SIMULATOR/],
      [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL/],
      [{ OPSWALL_API_KEYS: 'short:abc' }, /^OPSWALL_API_KEYS/],
      [{ NODE_ENV: 'production' }, /^OPSWALL_SECRET/],
      [{ OPSWALL_FAULT_INJECTION: 'yes' }, /^OPSWALL_FAULT_INJECTION/],
      [{ OPSWALL_JURISDICTION: 'hcmc gov vn' }, /^OPSWALL_JURISDICTION must be a domain-like id/],
      [{ NODE_ENV: 'production', OPSWALL_SECRET: 's', OPSWALL_FAULT_INJECTION: '1' }, /^OPSWALL_FAULT_INJECTION .*fault test suite only/],
    ]
    for (const [env, message] of cases) assert.throws(() => loadConfig(env), (e: unknown) => e instanceof ConfigError && message.test(e.message), JSON.stringify(env))
  })

  it('keeps the fault-injection hooks off unless asked', () => {
    assert.equal(loadConfig({}).faultInjection, false)
    assert.equal(loadConfig({ OPSWALL_FAULT_INJECTION: '1' }).faultInjection, true)
  })

  it('in production accepts only configured keys', () => {
    const config = loadConfig({ NODE_ENV: 'production', OPSWALL_SECRET: 's', OPSWALL_API_KEYS: 'hotline:0123456789abcdef' })
    assert.equal(config.apiKeys.has(DEV_API_KEY), false)
    assert.equal(config.apiKeys.get('0123456789abcdef'), 'hotline')
  })

  it('refuses an API key entry that is not one source and one key, or a key given to two sources, without printing the key', () => {
    const refusal = (keys: string) => {
      try {
        loadConfig({ OPSWALL_API_KEYS: keys })
      } catch (error) {
        assert.ok(error instanceof ConfigError)
        return error.message
      }
      assert.fail(`${keys} was taken`)
    }
    const extra = refusal('hotline:0123456789abcdef,zalo:fedcba9876543210:extra')
    assert.equal(extra, 'OPSWALL_API_KEYS entry for source "zalo" has 3 parts separated by ":" — write source:key (a key cannot contain ":")')
    const shared = refusal('hotline:0123456789abcdef,zalo:0123456789abcdef')
    assert.equal(shared, 'OPSWALL_API_KEYS gives one key to both "hotline" and "zalo" — a key writes as one source; give each its own')
    for (const message of [extra, shared]) assert.doesNotMatch(message, /0123456789abcdef|fedcba9876543210/)
    assert.equal(loadConfig({ OPSWALL_API_KEYS: 'hotline:0123456789abcdef,hotline:0123456789abcdef' }).apiKeys.get('0123456789abcdef'), 'hotline', 'the same entry twice is harmless')
  })

  it('redacts passwords in connection strings', () => {
    assert.equal(redactUrl('postgres://ops:s3cret@db:5432/ops'), 'postgres://ops:***@db:5432/ops')
    assert.equal(redactUrl('redis://:s3cret@cache:6379/0'), 'redis://:***@cache:6379/0')
  })
})

describe('loadConfig with several faults', () => {
  it('names the first variable at fault, also when a rule across variables finds it', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'loud' }), (e: unknown) => e instanceof ConfigError && e.message === 'OPSWALL_SECRET is required when NODE_ENV=production')
    assert.throws(() => loadConfig({ PORT: 'eighty', REDIS_URL: 'localhost' }), (e: unknown) => e instanceof ConfigError && e.message === 'PORT must be an integer 0–65535, got "eighty"')
  })

  it('trims values and treats blank as unset', () => {
    const config = loadConfig({ PORT: ' 9090 ', LOG_LEVEL: ' ', OPSWALL_API_KEYS: ' hotline : 0123456789abcdef , ' })
    assert.deepEqual([config.port, config.logLevel, config.apiKeys.get('0123456789abcdef')], [9090, 'info', 'hotline'])
  })
})
