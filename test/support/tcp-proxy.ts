/** A TCP proxy between a client and a server, to misbehave like a network in tests. */
import net from 'node:net'

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
