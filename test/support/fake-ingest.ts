/** For tests of HTTP producers (the simulate CLI): a real local ingest endpoint, a closed port, a sleep that only records. */
import http from 'node:http'
import net, { type AddressInfo } from 'node:net'

/**
 * A real local HTTP server on port 0 that plays the ingest endpoint: the first `failFirst`
 * requests get the given status, the rest are accepted line by line; after `goAwayAfter` requests
 * it stops listening and drops its connections, like a server that was stopped.
 */
export async function fakeIngest(plan: { failFirst?: number; status?: number; goAwayAfter?: number; answerAfterMs?: number } = {}) {
  const requests: { headers: http.IncomingHttpHeaders; lines: number }[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      const lines = body.split('\n').filter(Boolean).length
      requests.push({ headers: req.headers, lines })
      res.setHeader('content-type', 'application/json')
      const failing = requests.length <= (plan.failFirst ?? 0)
      if (requests.length === plan.goAwayAfter) res.setHeader('connection', 'close')
      setTimeout(() => {
        if (failing) {
          res.statusCode = plan.status ?? 503
          res.end(JSON.stringify({ error: { code: 'db_unavailable', message: 'database is starting' } }))
        } else {
          res.end(JSON.stringify({ accepted: lines, duplicates: 0, rejected: [] }))
        }
        if (requests.length === plan.goAwayAfter) {
          server.close()
          server.closeAllConnections()
        }
      }, plan.answerAfterMs ?? 0)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())) }
}

/** A port nothing listens on: bound, then released. */
export async function closedPortUrl(): Promise<string> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

/** Records the waits instead of waiting. */
export const recordingSleep = () => {
  const waits: number[] = []
  return { waits, sleep: async (ms: number) => void waits.push(ms) }
}
