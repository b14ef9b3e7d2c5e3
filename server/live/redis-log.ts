/**
 * The live log on a Redis stream (MULTI-1): every node appends committed batches and reads the
 * stream from where it joined, so all aggregators apply the same entries in the same order.
 */
import { connectRedis } from './redis-client'
import type { LiveLog, LogEntry } from './log-entry'

export interface RedisLogOptions {
  url: string
  key: string
  /** Approximate cap on the stream (XADD MAXLEN ~): a node that is further behind rebuilds. */
  maxLen?: number
  onError: (error: unknown) => void
  /** The reading connection dropped (`false`) or is back (`true`): entries may have passed by meanwhile. */
  onConnection: (up: boolean) => void
}

export async function createRedisLog(options: RedisLogOptions): Promise<LiveLog> {
  const writer = connectRedis(options.url, { maxRetriesPerRequest: 3 }, options.onError)
  const reader = connectRedis(options.url, { maxRetriesPerRequest: null }, options.onError)
  let running = true
  let loop: Promise<void> | null = null
  let up = true
  reader.on('close', () => {
    if (!running || !up) return
    up = false
    options.onConnection(false)
  })
  reader.on('ready', () => {
    if (!running || up) return
    up = true
    options.onConnection(true)
  })
  return {
    async append(entry: LogEntry) {
      await writer.xadd(options.key, 'MAXLEN', '~', String(options.maxLen ?? 100_000), '*', 'e', JSON.stringify(entry))
    },
    async start(consumer) {
      // Read from the last entry that exists now: what came before is in the database (LIVE-5).
      const last = await writer.xrevrange(options.key, '+', '-', 'COUNT', 1)
      let offset = last[0]?.[0] ?? '0-0'
      loop = (async () => {
        while (running) {
          try {
            const answer = (await reader.xread('COUNT', 500, 'BLOCK', 1000, 'STREAMS', options.key, offset)) as Array<[string, Array<[string, string[]]>]> | null
            for (const [, entries] of answer ?? []) {
              for (const [id, fields] of entries) {
                offset = id
                const json = fields[1]
                // A stream id starts with the Redis server's time of the append, in ms.
                if (json !== undefined) consumer(JSON.parse(json) as LogEntry, Number(id.slice(0, id.indexOf('-'))))
              }
            }
          } catch (error) {
            if (!running) return
            options.onError(error)
            await new Promise((resolve) => setTimeout(resolve, 500))
          }
        }
      })()
    },
    async close() {
      running = false
      reader.disconnect()
      await loop?.catch(() => undefined)
      await writer.quit().catch(() => undefined)
    },
  }
}
