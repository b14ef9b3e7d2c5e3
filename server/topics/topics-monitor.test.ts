import { describe, expect, it } from 'vitest'
import type { TopicsUpdate } from '../core/protocol'
import type { Topic } from '../core/topics'
import { TopicsMonitor } from './topics-monitor'

const START = Date.parse('2026-11-25T05:00:00Z')
const topic = (total: number) => ({ id: `flooding|26905|`, total }) as Topic

function monitor(answer: (scope: string) => Promise<Topic[]>) {
  const asked: string[] = []
  const told: TopicsUpdate[] = []
  const errors: unknown[] = []
  const topics = new TopicsMonitor({ top: (scope) => (asked.push(scope), answer(scope)), changed: (update) => told.push(update), onError: (error) => errors.push(error) })
  return { topics, asked, told, errors }
}

describe('TopicsMonitor (NLP-5)', () => {
  it('NLP-5: a new scope is asked at once, then at most once a minute; only a changed list is told', async () => {
    let total = 5
    const { topics, asked, told } = monitor(async () => [topic(total)])
    topics.step(new Date(START), ['city'])
    await topics.settled()
    topics.step(new Date(START + 1_000), ['city', '765']) // 765 is new: asked though the minute is not up
    await topics.settled()
    topics.step(new Date(START + 30_000), ['city', '765'])
    await topics.settled()
    expect(asked).toEqual(['city', '765'])
    topics.step(new Date(START + 60_000), ['city', '765']) // the same list: nothing told
    await topics.settled()
    total = 6
    topics.step(new Date(START + 61_000), ['city', '765'])
    await topics.settled()
    expect(asked).toEqual(['city', '765', 'city', '765'])
    expect(told.map((u) => [u.scope, u.topics[0]!.total])).toEqual([['city', 5], ['765', 5], ['765', 6]])
    expect(topics.latest('765')?.topics[0]?.total).toBe(6)
  })

  it('NLP-5: a scope no longer active is forgotten; a failed query keeps the list and is told', async () => {
    let fail = false
    const { topics, errors } = monitor(async () => {
      if (fail) throw new Error('database away')
      return [topic(1)]
    })
    topics.step(new Date(START), ['city', '765'])
    await topics.settled()
    fail = true
    topics.step(new Date(START + 60_000), ['city'])
    await topics.settled()
    expect(errors).toHaveLength(1)
    expect(topics.latest('city')?.topics).toHaveLength(1)
    expect(topics.latest('765')).toBeUndefined()
  })

  it('NLP-5: a slow query is not stacked', async () => {
    let release!: () => void
    const { topics, asked } = monitor(() => new Promise((resolve) => (release = () => resolve([]))))
    topics.step(new Date(START), ['city'])
    topics.step(new Date(START + 120_000), ['city'])
    release()
    await topics.settled()
    expect(asked).toEqual(['city'])
  })
})
