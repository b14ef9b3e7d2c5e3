/**
 * Every Redis connection of the live server is made here, so that each has an error listener (an
 * ioredis client without one reports "Unhandled error event") and an outage is logged once, not
 * at every reconnect attempt: the first error after a connection was ready, then silence until it
 * is ready again.
 */
import { Redis, type RedisOptions } from 'ioredis'

export function connectRedis(url: string, options: RedisOptions, onError: (error: unknown) => void): Redis {
  const client = new Redis(url, options)
  let told = false
  client.on('ready', () => (told = false))
  client.on('error', (error) => {
    if (told) return
    told = true
    onError(error)
  })
  return client
}
