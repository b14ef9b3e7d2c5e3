/**
 * Search matches the query folded by core/text.ts asciiFold against event.text_folded (CON-8).
 * Ingest writes that column with asciiFold; events stored before migration 008 were folded by the
 * migration in SQL. The two foldings must agree, on both drivers, or a word typed without
 * diacritics stops finding an older text.
 */
import { afterAll, beforeAll, describe, it } from 'vitest'
import assert from 'node:assert/strict'
import { DRIVERS, type TestDatabase } from '../../test/support/databases'
import { listMigrations, migrate } from './migrate'
import { asciiFold } from '../core/text'

const SAMPLES = [
  'Ngập nước sâu ở đường Nguyễn Hữu Cảnh',
  'ĐƯỜNG ĐIỆN BIÊN PHỦ   kẹt xe\tnghiêm trọng',
  'Rác thải ùn ứ, mùi hôi thối — phường Bến Nghé',
  'Tiếng ồn karaoke lúc 23 giờ, ấp Ỷ Lan, xã Ưu Đàm',
  '  Cây đổ chắn lối đi  ',
  'Người dân phản ánh: vỉa hè bị lấn chiếm, quận Bình Thạnh',
  'e\u0301 decomposed, é composed',
  '',
]

for (const driver of DRIVERS) {
  describe(`text folding [${driver.name}]`, () => {
    let test: TestDatabase
    // Created one migration short, filled, then migrated: the backfill is what is under test.
    beforeAll(async () => {
      test = await driver.create(listMigrations().filter((m) => !m.version.startsWith('008')))
      await test.db.query(
        `INSERT INTO event (kind, source, source_id, occurred_at, precision, text)
         SELECT 'mention', 'fold', t.n::text, now(), 'unknown', t.text FROM unnest($1::text[]) WITH ORDINALITY AS t (text, n)`,
        [SAMPLES],
      )
      await migrate(test.db)
    })
    afterAll(() => test?.drop())

    it('CON-8 migration 008 folds the texts stored before it as asciiFold does, for Vietnamese in every case and spacing', async () => {
      const { rows } = await test.db.query<{ text: string; text_folded: string }>(`SELECT text, text_folded FROM event WHERE source = 'fold' ORDER BY source_id::int`)
      assert.deepEqual(rows.map((r) => r.text_folded), SAMPLES.map(asciiFold))
      assert.equal(rows[0]!.text_folded, 'ngap nuoc sau o duong nguyen huu canh')
    })

    it('CON-8 a word search is served by the trigram index', async () => {
      // A handful of rows would be read sequentially: the planner is told to prefer the index
      // (in one transaction, so on one connection of the pool).
      const plan = await test.db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off')
        return (await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) SELECT id FROM event WHERE text_folded LIKE '%ngap nuoc%'`)).rows.map((r) => r['QUERY PLAN']).join('\n')
      })
      assert.match(plan, /event_text_folded_trgm_idx/)
    })
  })
}
