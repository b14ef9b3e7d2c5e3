/**
 * What changes when several nodes serve one city (MULTI-*): with `REDIS_URL`, the log of committed
 * batches is a Redis stream, one node at a time holds the expiry lease, and Socket.IO broadcasts
 * through the Redis Streams adapter with connection state recovery. Without it: a function-call
 * log, this node always leads, and the in-memory adapter.
 */
import type { ServerOptions } from 'socket.io'
import { createAdapter } from '@socket.io/redis-streams-adapter'
import { createRedisLeadership, soleLeader, type Leadership } from './leader'
import { createLocalLog, type LiveLog } from './log-entry'
import { connectRedis } from './redis-client'
import { createRedisLog } from './redis-log'

export interface Cluster {
  log: LiveLog
  leadership: Leadership
  /** `log`: windows expire only on the leader's ticks read from the log (MULTI-3). */
  expiry: 'local' | 'log'
  /** Socket.IO server options: the adapter and connection state recovery. */
  socketOptions: Partial<ServerOptions>
  close(): Promise<void>
}

export interface ClusterOptions {
  redisUrl?: string
  /** Redis keys prefix: several clusters (or test runs) may share one Redis. */
  prefix: string
  nodeId: string
  /** How long a disconnected socket's rooms are kept for connection state recovery. */
  recoveryMs: number
  onError: (error: unknown) => void
  /** The shared log's reading connection dropped (`false`) or is back (`true`). */
  onLogConnection: (up: boolean) => void
}

export async function joinCluster(options: ClusterOptions): Promise<Cluster> {
  if (!options.redisUrl) {
    // Connection state recovery stays off: the in-memory adapter would keep every broadcast for
    // two minutes, and SEQ-4 resume covers what it would restore.
    return { log: createLocalLog(), leadership: soleLeader, expiry: 'local', socketOptions: {}, close: async () => undefined }
  }
  const adapterClient = connectRedis(options.redisUrl, { maxRetriesPerRequest: 3 }, options.onError)
  const log = await createRedisLog({ url: options.redisUrl, key: `${options.prefix}:log`, onError: options.onError, onConnection: options.onLogConnection })
  const leadership = await createRedisLeadership({ url: options.redisUrl, key: `${options.prefix}:leader`, nodeId: options.nodeId, onError: options.onError })
  return {
    log,
    leadership,
    expiry: 'log',
    socketOptions: {
      adapter: createAdapter(adapterClient, { streamName: `${options.prefix}:sio`, sessionKeyPrefix: `${options.prefix}:session:`, onlyPlaintext: true }),
      // A socket that reconnects (to any node) within this time keeps its id, rooms and data (MULTI-4).
      connectionStateRecovery: { maxDisconnectionDuration: options.recoveryMs, skipMiddlewares: true },
    },
    async close() {
      await log.close()
      await leadership.close()
      await adapterClient.quit().catch(() => undefined)
    },
  }
}
