/**
 * Browser bench of the wall's hot path: 20,000 visible res-9 hexagons on maplibre-gl + deck.gl
 * (SwiftShader WebGL2 in headless Chromium), then 1,000-cell deltas through the same
 * CellLayerStore and buildLayers() as /wall. The page is client/bench/wall-bench.html from the
 * Vite build (into a temporary folder), served from a local static server (no database needed).
 */
import { createServer, type Server } from 'node:http'
import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { AddressInfo } from 'node:net'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import type { WallBenchResult } from '../client/bench/wall-bench'
import type { BenchRow } from './types'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
/** Built apart from dist/client, so the bench page never ships with the app. */
const DIST = path.join(os.tmpdir(), 'opswall-wall-bench')
const PAGE = '/client/bench/wall-bench.html'
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff' }

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = path.join(dir, path.normalize(pathname))
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.statusCode = 404
      res.end()
      return
    }
    res.setHeader('content-type', TYPES[path.extname(file)] ?? 'application/octet-stream')
    res.end(readFileSync(file))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

const round = (n: number) => Math.round(n * 100) / 100

export async function runWallBench(): Promise<BenchRow[]> {
  await build({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: DIST, emptyOutDir: true, rollupOptions: { input: { bench: path.join(ROOT, 'client/bench/wall-bench.html') } } },
  })
  const server = await serve(DIST)
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}${PAGE}`)
    await page.waitForFunction(() => (window as unknown as { __benchResult?: unknown }).__benchResult !== undefined, undefined, { timeout: 180_000 })
    const result = await page.evaluate(() => (window as unknown as { __benchResult: WallBenchResult | { error: string } }).__benchResult)
    if ('error' in result) throw new Error(`wall bench page failed: ${result.error}`)
    const gpu = 'headless Chromium, SwiftShader (CPU) WebGL2, 1920×1080'
    return [
      { bench: 'wall-browser', metric: 'apply 1,000-cell delta (median)', value: round(result.applyMs.median), unit: 'ms', note: `${result.cells.toLocaleString('en')} hexes in the layer; store update only` },
      { bench: 'wall-browser', metric: 'apply 1,000-cell delta (p95)', value: round(result.applyMs.p95), unit: 'ms' },
      { bench: 'wall-browser', metric: 'delta → frame drawn (median)', value: round(result.applyAndDrawMs.median), unit: 'ms', note: `apply + setProps + 2 animation frames; ${gpu}` },
      { bench: 'wall-browser', metric: 'delta → frame drawn (p95)', value: round(result.applyAndDrawMs.p95), unit: 'ms' },
      { bench: 'wall-browser', metric: 'no delta → frame drawn (median)', value: round(result.idleDrawMs.median), unit: 'ms', note: 'baseline: the same 2 frames with nothing changed (renderer cost)' },
      { bench: 'wall-browser', metric: 'frame interval, no deltas (median)', value: round(result.idleFrames.medianMs), unit: 'ms', note: 'baseline for the row below' },
      { bench: 'wall-browser', metric: 'frame interval at 4 deltas/s (median)', value: round(result.frames.medianMs), unit: 'ms', note: `${result.frames.count} frames, ${result.frames.deltasApplied} deltas in ${result.frames.seconds} s` },
      { bench: 'wall-browser', metric: 'frame interval at 4 deltas/s (p95)', value: round(result.frames.p95Ms), unit: 'ms' },
      { bench: 'wall-browser', metric: 'frames over 33 ms at 4 deltas/s', value: result.frames.over33ms, unit: 'frames', note: gpu },
    ]
  } finally {
    await browser.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await runWallBench()) console.log(`${row.metric.padEnd(42)} ${String(row.value).padStart(9)} ${row.unit}${row.note ? `  (${row.note})` : ''}`)
}
