/** Client-side helpers shared by the live integration tests and the bench. */
import { fork, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { fileURLToPath } from 'node:url'
import type { Delta, Kpi, Resumed, Snapshot, SubscribeRequest, TickerItem } from '../core/protocol'
import { LiveView } from '../core/live-view'
import type { LiveClient } from '../../test/support/live-node'

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

export async function subscribe(client: LiveClient, request: unknown): Promise<Snapshot | Resumed> {
  const answer = await client.timeout(10_000).emitWithAck('subscribe', request as SubscribeRequest)
  if ('error' in answer) throw Object.assign(new Error(answer.error.message), { body: answer.error })
  return answer.data
}

/** A client that keeps a LiveView up to date and records what it saw. */
export function follow(client: LiveClient) {
  const view = new LiveView()
  const seen = { deltas: [] as Delta[], kpis: [] as Kpi[], tickers: [] as TickerItem[][], gaps: 0, keyframes: 0 }
  client.on('delta', (delta) => {
    seen.deltas.push(delta)
    if (view.applyDelta(delta) === 'gap') seen.gaps++
  })
  client.on('snapshot', (snapshot) => {
    seen.keyframes++
    view.applySnapshot(snapshot)
  })
  client.on('kpi', (kpi) => seen.kpis.push(kpi))
  client.on('ticker', (ticker) => seen.tickers.push(ticker.items))
  return { view, seen }
}


/**
 * A TCP proxy in front of `port`, to misbehave like a network: `cut()` destroys every connection
 * and refuses new ones until `restore()`; `stopReading()` stops taking bytes from the server (a
 * client that no longer reads) until `startReading()`.
 */
export async function startProxy(port: number) {
  let cut = false
  let reading = true
  const pairs = new Set<{ inbound: net.Socket; outbound: net.Socket }>()
  const server = net.createServer((inbound) => {
    if (cut) return inbound.destroy()
    const outbound = net.connect(port, '127.0.0.1')
    const pair = { inbound, outbound }
    pairs.add(pair)
    for (const s of [inbound, outbound]) {
      s.on('error', () => undefined)
      s.on('close', () => {
        pairs.delete(pair)
        inbound.destroy()
        outbound.destroy()
      })
    }
    inbound.pipe(outbound)
    // Not a pipe: pipe() would resume the socket on drain and undo stopReading().
    outbound.on('data', (chunk) => inbound.write(chunk))
    if (!reading) outbound.pause()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    cut() {
      cut = true
      for (const { inbound, outbound } of pairs) {
        inbound.destroy()
        outbound.destroy()
      }
    },
    restore() {
      cut = false
    },
    stopReading() {
      reading = false
      for (const { outbound } of pairs) outbound.pause()
    },
    startReading() {
      reading = true
      for (const { outbound } of pairs) outbound.resume()
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const NODE_SCRIPT = fileURLToPath(new URL('../../test/support/live-node.ts', import.meta.url))

export interface Child {
  url: string
  nodeId: string
  call<T>(type: string, extra?: Record<string, unknown>): Promise<T>
  process: ChildProcess
}

/** One live node in its own process (test/support/live-node.ts), driven over IPC. */
export async function forkLiveNode(env: Record<string, string>): Promise<Child> {
  const child = fork(NODE_SCRIPT, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  let next = 0
  const waiting = new Map<number, (message: { data?: unknown; error?: string }) => void>()
  const ready = new Promise<{ url: string; nodeId: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`node exited with ${code}`)))
    child.on('message', (raw) => {
      const message = raw as { type?: string; id?: number; url?: string; nodeId?: string }
      if (message.type === 'ready') resolve({ url: message.url!, nodeId: message.nodeId! })
      else if (message.id !== undefined) waiting.get(message.id)?.(message as never)
    })
  })
  const { url, nodeId } = await ready
  return {
    url,
    nodeId,
    process: child,
    call: <T>(type: string, extra: Record<string, unknown> = {}) =>
      new Promise<T>((resolve, reject) => {
        const id = ++next
        waiting.set(id, (message) => (message.error ? reject(new Error(message.error)) : resolve(message.data as T)))
        child.send({ id, type, ...extra })
      }),
  }
}

