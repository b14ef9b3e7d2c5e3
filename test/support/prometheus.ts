/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: any line it does
 * not understand throws, so a malformed /metrics answer fails the test instead of being skipped.
 * https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped'

export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

export interface MetricFamily {
  name: string
  help?: string
  type: MetricType
  samples: Sample[]
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*'
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const TYPES: ReadonlySet<string> = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped'])
const HELP_LINE = new RegExp(`^# HELP (${NAME})(?: (.*))?$`)
const TYPE_LINE = new RegExp(`^# TYPE (${NAME}) (\\S+)$`)
const SAMPLE_LINE = new RegExp(`^(${NAME})(\\{.*\\})? (\\S+)(?: (-?\\d+))?$`)

export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>()
  const seenSeries = new Set<string>()
  let current: MetricFamily | undefined
  const fail = (n: number, line: string, why: string): never => {
    throw new Error(`line ${n + 1}: ${why}: ${JSON.stringify(line)}`)
  }
  const family = (name: string): MetricFamily => {
    let f = families.get(name)
    if (!f) {
      f = { name, type: 'untyped', samples: [] }
      families.set(name, f)
    }
    return f
  }

  if (text !== '' && !text.endsWith('\n')) throw new Error('the last line must end with a line feed')
  const lines = text.split('\n')
  lines.pop()
  lines.forEach((line, n) => {
    if (line.trim() === '') return
    if (line.startsWith('#')) {
      const help = HELP_LINE.exec(line)
      if (help) {
        const f = family(help[1]!)
        if (f.help !== undefined) fail(n, line, 'second HELP')
        f.help = unescape(help[2] ?? '', false)
        return
      }
      const type = TYPE_LINE.exec(line)
      if (type) {
        const f = family(type[1]!)
        if (!TYPES.has(type[2]!)) fail(n, line, 'unknown type')
        if (f.samples.length > 0 || f.type !== 'untyped') fail(n, line, 'TYPE after samples or twice')
        f.type = type[2] as MetricType
        current = f
        return
      }
      if (/^# (HELP|TYPE)\b/.test(line)) fail(n, line, 'malformed HELP or TYPE')
      return // any other comment
    }
    const match = SAMPLE_LINE.exec(line)
    if (!match) return fail(n, line, 'not a sample')
    const [, name, rawLabels, rawValue] = match as unknown as [string, string, string | undefined, string]
    const labels = rawLabels ? parseLabels(rawLabels.slice(1, -1), () => fail(n, line, 'malformed labels')) : {}
    const value = parseValue(rawValue)
    if (value === undefined) fail(n, line, 'not a number')
    const owner = current && belongsTo(name, current) ? current : family(name)
    if (owner !== current && owner.samples.length > 0) fail(n, line, 'samples of one family are not together')
    current = owner
    if (owner.type === 'histogram' && name.endsWith('_bucket') && labels.le === undefined) fail(n, line, 'bucket without le')
    const series = `${name}${JSON.stringify(Object.entries(labels).sort())}`
    if (seenSeries.has(series)) fail(n, line, 'duplicate series')
    seenSeries.add(series)
    owner.samples.push({ name, labels, value: value! })
  })
  return families
}

/** `foo_bucket`, `foo_sum`, `foo_count` belong to histogram `foo`; summaries add quantiles on `foo`. */
function belongsTo(sample: string, family: MetricFamily): boolean {
  if (sample === family.name) return family.type !== 'histogram'
  if (family.type === 'histogram') return [`${family.name}_bucket`, `${family.name}_sum`, `${family.name}_count`].includes(sample)
  if (family.type === 'summary') return [`${family.name}_sum`, `${family.name}_count`].includes(sample)
  return false
}

function parseLabels(body: string, fail: () => never): Record<string, string> {
  const labels: Record<string, string> = {}
  let i = 0
  while (i < body.length) {
    const eq = body.indexOf('=', i)
    if (eq < 0) fail()
    const name = body.slice(i, eq).trim()
    if (!LABEL_NAME.test(name) || name in labels || body[eq + 1] !== '"') fail()
    let j = eq + 2
    let value = ''
    for (; j < body.length && body[j] !== '"'; j++) {
      if (body[j] === '\\') {
        const next = body[++j]
        if (next === 'n') value += '\n'
        else if (next === '\\' || next === '"') value += next
        else fail()
      } else value += body[j]
    }
    if (j >= body.length) fail()
    labels[name] = value
    i = j + 1
    if (i < body.length) {
      if (body[i] !== ',') fail()
      i++
    }
  }
  return labels
}

function unescape(text: string, quotes: boolean): string {
  return text.replace(/\\(.)/g, (all, c: string) => (c === 'n' ? '\n' : c === '\\' ? '\\' : quotes && c === '"' ? '"' : all))
}

/** As Go's strconv.ParseFloat, which the format names: NaN and Inf in any case (prom-client writes `Nan`). */
function parseValue(raw: string): number | undefined {
  const special = /^([-+]?)(inf|infinity|nan)$/i.exec(raw)
  if (special) return special[2]!.toLowerCase() === 'nan' ? (special[1] ? undefined : NaN) : special[1] === '-' ? -Infinity : Infinity
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) return undefined
  return Number(raw)
}

/** The value of one series, `undefined` when absent; labels must match exactly. */
export function sampleValue(families: Map<string, MetricFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = JSON.stringify(Object.entries(labels).sort())
  for (const family of families.values()) {
    for (const sample of family.samples) {
      if (sample.name === name && JSON.stringify(Object.entries(sample.labels).sort()) === want) return sample.value
    }
  }
  return undefined
}
