/**
 * Search over HTTP on PostgreSQL and on PGlite (CON-8): texts with diacritics in through the real
 * ingest, found by words typed without them, by event id and by source id.
 */
import assert from 'node:assert/strict'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { cellToParent, latLngToCell } from 'h3-js'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { demoPlaces, eventAt, postEvents, startLiveNode, type LiveNode, type Place } from '../../test/support/live-node'

/** [minutes ago, text, at place 0 or 1]. */
const TEXTS: Array<[number, string, 0 | 1]> = [
  [5, 'Ngập nước sâu ở đường Nguyễn Hữu Cảnh, xe chết máy', 0],
  [15, 'Kẹt xe kéo dài trên cầu Sài Gòn', 0],
  [25, 'NGẬP NƯỚC sau mưa lớn, hẻm 42 Đinh Tiên Hoàng', 1],
  [35, 'Rác thải ngập lối đi, mùi hôi', 1],
  [45, 'Nước ngập tới đầu gối trước chợ', 0],
  [55, 'Đèn đường hư, tối om cả đoạn', 0],
]

for (const driver of DRIVERS) {
  describe(`console search [${driver.name}]`, () => {
    let test: TestDatabase
    let node: LiveNode
    let places: Place[]
    const ids: string[] = []
    const sourceIds: string[] = []

    const get = async (path: string) => {
      const res = await fetch(`${node.url}${path}`)
      return { status: res.status, body: (await res.json()) as Record<string, any> }
    }
    const search = (q: string, extra = '') => get(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`)
    const found = (body: Record<string, any>) => body.items.map((i: { id: string }) => i.id)
    /** The seeded texts that hold every word, newest first. */
    const holding = (...words: RegExp[]) => TEXTS.map((t, i) => [t, ids[i]!] as const).filter(([t]) => words.every((w) => w.test(t[1]))).map(([, id]) => id)

    beforeAll(async () => {
      test = await driver.create()
      node = await startLiveNode({ db: test.db })
      const all = await demoPlaces(test.db)
      places = [all[0]!, all.find((p) => p.units[0] !== all[0]!.units[0])!]
      const now = node.clock.now().getTime()
      const events = TEXTS.map(([minutesAgo, text, where]) => eventAt(places[where]!, { kind: 'mention', text, category: undefined }, minutesAgo, now))
      await postEvents(node.url, events)
      for (const e of events) {
        const { rows } = await test.db.query<{ id: string }>('SELECT id::text AS id FROM event WHERE source_id = $1', [e.source_id])
        ids.push(rows[0]!.id)
        sourceIds.push(String(e.source_id))
      }
    })
    afterAll(async () => {
      await node?.close()
      await test?.drop()
    })

    it('CON-8 words without diacritics find the texts that hold them all, in any case, newest first', async () => {
      const { status, body } = await search('ngap nuoc')
      assert.equal(status, 200)
      assert.deepEqual(found(body), holding(/ngập/i, /nước/i))
      assert.equal(found(body).length, 3)
      assert.equal(body.next_cursor, null)
      assert.deepEqual(found((await search('NGẬP')).body), holding(/ngập/i))
      assert.deepEqual(found((await search('  cau   sai gon ')).body), holding(/cầu sài gòn/i))
      assert.deepEqual(found((await search('ngap sa mac')).body), [])
    })

    it('CON-8 the matches\' r8 cells for the map, over every page', async () => {
      const { body } = await search('ngap', '&limit=1')
      assert.equal(body.items.length, 1)
      const expected = new Map<string, number>()
      TEXTS.forEach(([, text, where]) => {
        if (!/ngập/i.test(text)) return
        const cell = cellToParent(latLngToCell(places[where]!.lat, places[where]!.lon, 9), 8)
        expected.set(cell, (expected.get(cell) ?? 0) + 1)
      })
      assert.deepEqual(
        [...body.cells].sort((a: { cell: string }, b: { cell: string }) => a.cell.localeCompare(b.cell)),
        [...expected].map(([cell, count]) => ({ cell, count })).sort((a, b) => a.cell.localeCompare(b.cell)),
      )
    })

    it('CON-8 pages through matches with a cursor', async () => {
      const seen: string[] = []
      let cursor = ''
      for (let pages = 0; pages < 10; pages++) {
        const { body } = await search('ngap', `&limit=2${cursor}`)
        seen.push(...found(body))
        if (body.next_cursor === null) break
        cursor = `&cursor=${encodeURIComponent(body.next_cursor)}`
      }
      assert.deepEqual(seen, holding(/ngập/i))
    })

    it('CON-8 an event id or a source id finds that event', async () => {
      assert.deepEqual(found((await search(ids[3]!)).body), [ids[3]])
      const bySource = (await search(sourceIds[4]!)).body
      assert.deepEqual(found(bySource), [ids[4]])
      assert.equal(bySource.items[0].text, TEXTS[4]![1])
    })

    it('CON-8 scope: a unit keeps its own matches; an unknown scope is a 400', async () => {
      const { body } = await search('ngap', `&scope=${places[1]!.units[0]}`)
      assert.deepEqual(found(body), TEXTS.map((t, i) => [t, ids[i]!] as const).filter(([t]) => t[2] === 1 && /ngập/i.test(t[1])).map(([, id]) => id))
      const unknown = await search('ngap', '&scope=NOWHERE')
      assert.equal(unknown.status, 400)
      assert.equal(unknown.body.error.field, 'scope')
    })

    it('CON-7 q missing, blank or too long is a 400 on q', async () => {
      for (const path of ['/api/v1/search', '/api/v1/search?q=', '/api/v1/search?q=%20%20', `/api/v1/search?q=${'a'.repeat(201)}`]) {
        const { status, body } = await get(path)
        assert.equal(status, 400, path)
        assert.equal(body.error.field, 'q', path)
      }
    })
  })
}
