/**
 * A busy day of complaints and posts for the topics bench (NLP-5), made in the database by
 * set-based SQL: `size` events from local midnight to `now`, spread over the leaf units, the
 * categories and a few H3 cells around each unit's label; each (category, unit) mostly talks about
 * one street, so issues have a phrase to find. The 7 days before hold the same traffic in
 * `rollup_minute` only (`previous` reads nothing else). Events and roll-ups agree as ingest
 * writes them (insert-events.sql). Deterministic: the same size and `now` give the same rows.
 */
import { namedQuery } from '../server/db/queries'
import { cellToParent, gridDisk, latLngToCell } from 'h3-js'
import type { Category } from '../server/core/categories'
import type { Database } from '../server/db/database'

const STREETS = [
  'Nguyễn Hữu Cảnh', 'Điện Biên Phủ', 'Cách Mạng Tháng Tám', 'Võ Văn Kiệt', 'Nguyễn Văn Linh', 'Phạm Văn Đồng',
  'Lê Văn Việt', 'Xô Viết Nghệ Tĩnh', 'Hoàng Văn Thụ', 'Nguyễn Thị Minh Khai', 'Trường Chinh', 'Lý Thường Kiệt',
  'Huỳnh Tấn Phát', 'Kinh Dương Vương', 'Quang Trung', 'Phan Văn Trị', 'Nơ Trang Long', 'Bạch Đằng',
]
const TEMPLATES = [
  'Phản ánh tình trạng ở đường {street}, đề nghị phường xử lý sớm',
  'Đường {street} lại như vậy nữa rồi, gọi 0903 123 456 không ai nghe',
  'Mọi người tránh đường {street} nha, tình hình tệ lắm',
  'Khu vực đường {street} gần chợ tình trạng kéo dài cả tuần',
]

export interface TopicSeedShape {
  size: number
  now: Date
  /** Local midnight of `now`'s day: where today starts. */
  midnight: Date
  categories: readonly Category[]
}

export async function seedTopicDay(db: Database, shape: TopicSeedShape): Promise<void> {
  const leaves = (
    await db.query<{ code: string; lat: number; lon: number }>(`SELECT b.code, ST_Y(b.label)::float8 AS lat, ST_X(b.label)::float8 AS lon FROM boundary AS b
      WHERE NOT EXISTS (SELECT FROM boundary AS child WHERE child.parent_code = b.code) ORDER BY b.code`)
  ).rows
  // Nineteen r9 cells around each leaf's label, with their r8 parents: the map's cells.
  const cells = leaves.flatMap((leaf) => gridDisk(latLngToCell(Number(leaf.lat), Number(leaf.lon), 9), 2).map((cell, k) => ({ code: leaf.code, k: k + 1, cell9: cell, cell8: cellToParent(cell, 8) })))
  const spanMs = shape.now.getTime() - shape.midnight.getTime()
  await db.transaction(async (tx) => {
    await tx.query('SELECT setseed(0.17)')
    await tx.query('CREATE TEMPORARY TABLE bench_category ON COMMIT DROP AS SELECT * FROM unnest($1::text[]) WITH ORDINALITY AS c (code, i)', [shape.categories.map((c) => c.code)])
    await tx.query(`CREATE TEMPORARY TABLE bench_leaf ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY b.code) AS i, b.code, b.chain FROM boundary AS b
      WHERE NOT EXISTS (SELECT FROM boundary AS child WHERE child.parent_code = b.code)`)
    await tx.query('CREATE TEMPORARY TABLE bench_cell ON COMMIT DROP AS SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS c (code, k, cell9, cell8)', [
      cells.map((c) => c.code),
      cells.map((c) => c.k),
      cells.map((c) => c.cell9),
      cells.map((c) => c.cell8),
    ])
    await tx.query('CREATE TEMPORARY TABLE bench_text ON COMMIT DROP AS SELECT * FROM unnest($1::text[]) WITH ORDINALITY AS t (template, i)', [TEMPLATES])
    await tx.query('CREATE TEMPORARY TABLE bench_street ON COMMIT DROP AS SELECT * FROM unnest($1::text[]) WITH ORDINALITY AS s (name, i)', [STREETS])
    // Day 0 is today, as events; days 1–7 the same hours before, as roll-ups only. A few
    // categories and units are busier than the rest, as in a real city.
    const draw = `
      SELECT g AS n,
        $4::timestamptz - $2::int * interval '1 day' + random() * $3::float8 * interval '1 millisecond' AS occurred_at,
        1 + floor(power(random(), 1.6) * (SELECT count(*) FROM bench_leaf))::int AS leaf,
        1 + floor(power(random(), 2) * (SELECT count(*) FROM bench_category))::int AS cat,
        1 + floor(random() * 19)::int AS cell_k,
        random() AS kind_draw, random() AS street_draw, random() AS text_draw
      FROM generate_series(1, $1::int) AS g`
    await tx.query(
      `INSERT INTO event (kind, source, source_id, occurred_at, received_at, updated_at, precision, units, category, cell_r8, cell_r9, text)
       SELECT
         CASE WHEN d.kind_draw < 0.7 THEN 'complaint' ELSE 'mention' END, 'bench', 'topics-' || d.n, d.occurred_at, d.occurred_at, d.occurred_at,
         'point', l.chain,
         -- Posts the classifier has not read yet carry no category.
         CASE WHEN d.kind_draw > 0.97 THEN NULL ELSE c.code END,
         cell.cell8, cell.cell9,
         replace(t.template, '{street}', s.name)
       FROM (${draw}) AS d
       JOIN bench_leaf AS l ON l.i = d.leaf
       JOIN bench_category AS c ON c.i = d.cat
       JOIN bench_cell AS cell ON cell.code = l.code AND cell.k = d.cell_k
       JOIN bench_text AS t ON t.i = 1 + floor(d.text_draw * 4)::int
       -- Seven in ten of a (category, unit)'s texts name its own street.
       JOIN bench_street AS s ON s.i = 1 + CASE WHEN d.street_draw < 0.7 THEN (l.i * 7 + c.i) % 18 ELSE floor(d.street_draw * 18)::int % 18 END`,
      [shape.size, 0, spanMs, shape.midnight.toISOString()],
    )
    await tx.query(`INSERT INTO rollup_minute (minute, kind, cell, category, units, count)
      SELECT date_trunc('minute', occurred_at), kind, COALESCE(cell_r9, ''), COALESCE(category, ''), units, count(*)
      FROM event WHERE source = 'bench' GROUP BY 1, 2, 3, 4, 5`)
    for (let day = 1; day <= 7; day++) {
      await tx.query(
        `INSERT INTO rollup_minute (minute, kind, cell, category, units, count)
         SELECT date_trunc('minute', d.occurred_at), CASE WHEN d.kind_draw < 0.7 THEN 'complaint' ELSE 'mention' END, cell.cell9,
           CASE WHEN d.kind_draw > 0.97 THEN '' ELSE c.code END, l.chain, count(*)
         FROM (${draw}) AS d
         JOIN bench_leaf AS l ON l.i = d.leaf
         JOIN bench_category AS c ON c.i = d.cat
         JOIN bench_cell AS cell ON cell.code = l.code AND cell.k = d.cell_k
         GROUP BY 1, 2, 3, 4, 5`,
        [shape.size, day, spanMs, shape.midnight.toISOString()],
      )
    }
  })
  // Written straight into rollup_minute above, not through ingest: the hourly roll-ups follow.
  await db.query(namedQuery('rollup-hour-refill'))
  await db.query('ANALYZE event')
  await db.query('ANALYZE rollup_minute')
  await db.query('ANALYZE rollup_hour')
}

