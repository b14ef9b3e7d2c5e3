/**
 * The expiry leader (MULTI-3): one node at a time holds a Redis lease and publishes clock ticks,
 * so window expiry is decided once for the cluster. A node that dies loses the lease within `ttlMs`.
 */
import { connectRedis } from './redis-client'

export interface Leadership {
  readonly isLeader: boolean
  close(): Promise<void>
}

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`

export const soleLeader: Leadership = { isLeader: true, close: async () => undefined }

export async function createRedisLeadership(options: { url: string; key: string; nodeId: string; ttlMs?: number; onError: (error: unknown) => void }): Promise<Leadership> {
  const ttl = options.ttlMs ?? 5000
  const redis = connectRedis(options.url, { maxRetriesPerRequest: 3 }, options.onError)
  let leader = false
  let failing = false
  const attempt = async () => {
    try {
      if (leader) leader = (await redis.eval(RENEW, 1, options.key, options.nodeId, String(ttl))) === 1
      if (!leader) leader = (await redis.set(options.key, options.nodeId, 'PX', ttl, 'NX')) === 'OK'
      failing = false
    } catch (error) {
      leader = false
      // Told once per outage: the attempts go on every quarter of the lease.
      if (!failing) options.onError(error)
      failing = true
    }
  }
  await attempt()
  const timer = setInterval(attempt, Math.max(200, Math.floor(ttl / 4)))
  timer.unref()
  return {
    get isLeader() {
      return leader
    },
    async close() {
      clearInterval(timer)
      await redis.eval(RELEASE, 1, options.key, options.nodeId).catch(() => undefined)
      await redis.quit().catch(() => undefined)
    },
  }
}
