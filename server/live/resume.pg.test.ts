/**
 * SEQ-4: a client cut off from the network for 10 s while events flow resumes and ends with
 * exactly the server's counts. The cut is a real one: a TCP proxy between client and server
 * drops every connection and refuses new ones for 10 s.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, test } from 'vitest'
import type { Snapshot } from '../core/protocol'
import { sortCells } from '../core/live-view'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { connectLive, demoPlaces, eventAt, postEvents, startLiveNode, type LiveNode, type Place } from '../../test/support/live-node'
import { follow, startProxy, subscribe, waitFor } from './test-helpers'

const REQUEST = { scope: 'city', layers: ['complaints', 'mentions'], res: 9, window: '1h' } as const
const pg = DRIVERS.find((d) => d.name === 'pg')!

let database: TestDatabase
let node: LiveNode
let places: Place[]
beforeAll(async () => {
  database = await pg.create()
  node = await startLiveNode({ db: database.db })
  places = await demoPlaces(database.db)
})
afterAll(async () => {
  await node?.close()
  await database?.drop()
})

test('SEQ-4 a client cut off for 10 s while events flow resumes from its seq and ends with exactly the server counts', async () => {
  const proxy = await startProxy(node.port)
  const cutClient = connectLive(proxy.url, { reconnection: true, reconnectionDelay: 250, reconnectionDelayMax: 500, randomizationFactor: 0 })
  const steady = connectLive(node.url)
  try {
    const cutView = follow(cutClient)
    const steadyView = follow(steady)
    const answers: string[] = []
    const first = (await subscribe(cutClient, REQUEST)) as Snapshot
    cutView.view.applySnapshot(first)
    steadyView.view.applySnapshot((await subscribe(steady, REQUEST)) as Snapshot)
    // The client's side of SEQ-4: on every reconnect, ask to resume from the last applied seq.
    cutClient.on('connect', async () => {
      const answer = await subscribe(cutClient, { ...REQUEST, resumeFrom: { subscription: cutView.view.subscription!, seq: cutView.view.seq } })
      answers.push(answer.type)
      if (answer.type === 'resumed') assert.ok(cutView.view.applyResumed(answer))
      else cutView.view.applySnapshot(answer)
    })

    let flowing = true
    let sent = 0
    const flow = (async () => {
      for (let i = 0; flowing; i++) {
        const batch = Array.from({ length: 20 }, (_, j) => eventAt(places[(i * 20 + j) % places.length]!, { kind: j % 3 ? 'complaint' : 'mention', category: j % 2 ? 'flooding' : 'waste' }))
        await postEvents(node.url, batch)
        sent += batch.length
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    })()
    await new Promise((resolve) => setTimeout(resolve, 1000))
    proxy.cut()
    const seqAtCut = cutView.view.seq
    await waitFor(() => !cutClient.connected, 3000, 'the cut to be noticed')
    await new Promise((resolve) => setTimeout(resolve, 10_000))
    assert.equal(cutView.view.seq, seqAtCut, 'nothing reached the client while cut off')
    proxy.restore()
    await waitFor(() => answers.length === 1, 5000, 'the resume answer')
    await new Promise((resolve) => setTimeout(resolve, 1000))
    flowing = false
    await flow
    const truth = () => sortCells(node.live.cellsOf({ ...REQUEST, layers: [...REQUEST.layers] }))
    await waitFor(() => JSON.stringify(cutView.view.list()) === JSON.stringify(truth()), 3000, 'the resumed client to converge')
    assert.deepEqual(answers, ['resumed'], 'resumed from the replay history, not a fresh snapshot')
    assert.deepEqual(cutView.view.list(), truth())
    assert.deepEqual(steadyView.view.list(), truth())
    assert.equal(cutView.seen.gaps + steadyView.seen.gaps, 0)
    assert.equal(cutView.view.seq, steadyView.view.seq)
    const total = truth().reduce((sum, cell) => sum + cell.count, 0)
    assert.equal(total, sent, 'every event sent is counted once')
  } finally {
    cutClient.disconnect()
    steady.disconnect()
    await proxy.close()
  }
})

test('SEQ-4 a resume the server cannot serve (unknown epoch, seq ahead) answers a fresh snapshot', async () => {
  const c = connectLive(node.url)
  try {
    const snapshot = (await subscribe(c, REQUEST)) as Snapshot
    const foreign = await subscribe(c, { ...REQUEST, resumeFrom: { subscription: `${snapshot.subscription}x`, seq: snapshot.seq } })
    assert.equal(foreign.type, 'snapshot')
    const ahead = await subscribe(c, { ...REQUEST, resumeFrom: { subscription: snapshot.subscription, seq: snapshot.seq + 5 } })
    assert.equal(ahead.type, 'snapshot')
    const same = await subscribe(c, { ...REQUEST, resumeFrom: { subscription: snapshot.subscription, seq: snapshot.seq } })
    assert.equal(same.type, 'resumed')
    if (same.type === 'resumed') assert.deepEqual([same.fromSeq, same.seq, same.upserts.length], [snapshot.seq, snapshot.seq, 0])
  } finally {
    c.disconnect()
  }
})
