import { describe, expect, it } from 'vitest'
import { DEFAULT_SPIKE_CONFIG, type SpikeAlert, type SpikeObservation } from '../core/spikes'
import { AlertMonitor } from './alert-monitor'

const MINUTE = 60_000
const START = Date.parse('2026-11-23T10:00:00Z')
const storm = (count: number): SpikeObservation[] => [{ place: { kind: 'unit', code: '27490', name: 'Phường Tân Phong' }, layer: 'complaints', category: 'flooding', count, pastTotal: 0 }]

function monitor(answer: () => Promise<SpikeObservation[]>) {
  const asked: number[] = []
  const told: SpikeAlert[][] = []
  const errors: unknown[] = []
  const alerts = new AlertMonitor(
    { config: DEFAULT_SPIKE_CONFIG, levels: ['ward'] },
    {
      counts: (windows) => (asked.push(windows.current.toMs), answer()),
      categoryNames: () => undefined,
      changed: (changed) => told.push(changed),
      onError: (error) => errors.push(error),
    },
  )
  return { alerts, asked, told, errors }
}

describe('AlertMonitor (NLP-6)', () => {
  it('NLP-6: asks once per minute of the node clock and tells each change once', async () => {
    const { alerts, asked, told } = monitor(async () => storm(12))
    alerts.step(new Date(START))
    alerts.step(new Date(START + 20_000)) // same minute: nothing asked
    await alerts.settled()
    alerts.step(new Date(START + MINUTE))
    await alerts.settled()
    expect(asked).toEqual([START + MINUTE, START + 2 * MINUTE])
    expect(told.map((changed) => changed.map((a) => a.state))).toEqual([['raised']])
    expect(alerts.active()).toHaveLength(1)
  })

  it('NLP-6: a failed query is told and keeps the alerts held; the next minute asks again', async () => {
    let fail = false
    const { alerts, errors } = monitor(async () => {
      if (fail) throw new Error('database away')
      return storm(12)
    })
    alerts.step(new Date(START))
    await alerts.settled()
    fail = true
    alerts.step(new Date(START + MINUTE))
    await alerts.settled()
    expect(errors).toHaveLength(1)
    expect(alerts.active().map((a) => a.count)).toEqual([12])
  })

  it('NLP-6: a slow query is not stacked: steps while it runs ask nothing', async () => {
    let release!: () => void
    const { alerts, asked } = monitor(() => new Promise((resolve) => (release = () => resolve(storm(12)))))
    alerts.step(new Date(START))
    alerts.step(new Date(START + MINUTE))
    release()
    await alerts.settled()
    expect(asked).toHaveLength(1)
  })
})
