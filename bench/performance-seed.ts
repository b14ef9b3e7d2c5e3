/**
 * A year of complaints with their lifecycle, made in the database by set-based SQL (a few
 * statements over generate_series, seconds per million rows), for the performance bench. Spread
 * uniformly over the year and over the leaf units (wards, and districts without wards), each
 * category resolved in an exponential time around its SLA: about two in three on time, recent ones
 * still open, a stuck backlog overdue, some rejected, a few invalid (closed before received), and
 * ratings on two in five resolved. Deterministic: the same size and `now` give the same rows.
 */
import { cellToParent } from 'h3-js'
import type { Category } from '../server/core/categories'
import { asciiFold } from '../server/core/text'
import type { Database } from '../server/db/database'

const DAY_MS = 86_400_000
const BENCH_TEXT = 'Phản ánh (bench)'

export interface SeedShape {
  size: number
  now: Date
  days: number
  categories: readonly Category[]
  /**
   * r9 cells per leaf unit code: each complaint then lies in one of its leaf's cells (by id, so
   * spread evenly) at every map resolution, as ingest would store it. Without: no cells.
   */
  cells?: ReadonlyMap<string, readonly string[]>
  /** Also write the minute roll-ups of what was seeded, as ingest does in its statement. */
  rollups?: boolean
}

export async function seedComplaints(db: Database, shape: SeedShape): Promise<void> {
  const from = new Date(shape.now.getTime() - shape.days * DAY_MS)
  await db.transaction(async (tx) => {
    // random() is per session: the transaction holds one connection, so the seed holds too.
    await tx.query('SELECT setseed(0.42)')
    await tx.query('CREATE TEMPORARY TABLE bench_category ON COMMIT DROP AS SELECT * FROM unnest($1::text[], $2::real[]) WITH ORDINALITY AS c (code, sla_hours, i)', [
      shape.categories.map((c) => c.code),
      shape.categories.map((c) => c.sla_hours),
    ])
    await tx.query(`CREATE TEMPORARY TABLE bench_leaf ON COMMIT DROP AS
      SELECT row_number() OVER (ORDER BY b.code) AS i, b.chain FROM boundary AS b
      WHERE NOT EXISTS (SELECT FROM boundary AS child WHERE child.parent_code = b.code)`)
    // One row per complaint with every draw it needs and the instants they imply; the later
    // statements only read it.
    await tx.query(
      `CREATE TEMPORARY TABLE bench_seed ON COMMIT DROP AS
       WITH drawn AS (
         SELECT g AS id,
           $2::timestamptz + random() * ($3::timestamptz - $2::timestamptz) AS received_at,
           1 + floor(random() * (SELECT count(*) FROM bench_leaf))::int AS leaf,
           1 + floor(random() * (SELECT count(*) FROM bench_category))::int AS cat,
           random() AS speed, random() AS fate, random() AS rating_draw, random() AS step
         FROM generate_series(1, $1::int) AS g
       ),
       timed AS (
         SELECT d.*, c.code AS category, c.sla_hours, l.chain AS units, l.chain[cardinality(l.chain)] AS leaf_code,
           -- Exponential around the SLA (mean 0.9 × SLA): two in three on time, a long tail late.
           d.received_at + (-ln(1 - d.speed) * 0.9 * c.sla_hours) * interval '1 hour' AS resolved_at
         FROM drawn AS d
         JOIN bench_category AS c ON c.i = d.cat
         JOIN bench_leaf AS l ON l.i = d.leaf
       ),
       fated AS (
         SELECT t.*,
           CASE
             WHEN t.fate < 0.001 THEN 'invalid'
             WHEN t.fate < 0.011 THEN 'rejected'
             WHEN t.fate < 0.031 OR t.resolved_at > $3::timestamptz THEN 'open'
             WHEN t.fate < 0.25 THEN 'resolved'
             ELSE 'closed'
           END AS fate_kind
         FROM timed AS t
       ),
       stepped AS (
         SELECT f.*,
           -- How far an open one got: received, assigned or in progress; a resolved one went through all.
           CASE WHEN f.fate_kind = 'open' THEN floor(f.step * 3)::int WHEN f.fate_kind IN ('resolved', 'closed') THEN 2 ELSE 0 END AS reached,
           f.received_at + (least(f.resolved_at, $3::timestamptz) - f.received_at) * 0.1 AS assigned_at,
           f.received_at + (least(f.resolved_at, $3::timestamptz) - f.received_at) * 0.3 AS in_progress_at,
           CASE f.fate_kind
             WHEN 'closed' THEN least(f.resolved_at + interval '12 hours', $3::timestamptz)
             WHEN 'invalid' THEN f.received_at - interval '3 days'
           END AS closed_at
         FROM fated AS f
       )
       SELECT s.*,
         CASE s.fate_kind
           WHEN 'open' THEN (ARRAY['received', 'assigned', 'in_progress'])[1 + s.reached]
           WHEN 'invalid' THEN 'closed'
           ELSE s.fate_kind
         END AS status,
         CASE s.fate_kind
           WHEN 'open' THEN (ARRAY[s.received_at, s.assigned_at, s.in_progress_at])[1 + s.reached]
           WHEN 'rejected' THEN s.received_at + interval '1 hour'
           WHEN 'invalid' THEN s.closed_at
           WHEN 'resolved' THEN s.resolved_at
           ELSE s.closed_at
         END AS status_at,
         CASE s.fate_kind
           WHEN 'open' THEN NULL
           WHEN 'rejected' THEN s.received_at + interval '1 hour'
           WHEN 'invalid' THEN s.received_at
           ELSE s.resolved_at
         END AS clock_stopped_at,
         CASE s.fate_kind WHEN 'invalid' THEN s.closed_at WHEN 'resolved' THEN s.resolved_at WHEN 'closed' THEN s.resolved_at END AS first_resolved_at,
         -- Two in five resolved are rated, mostly 4 and 5.
         CASE WHEN s.fate_kind IN ('resolved', 'closed') AND s.rating_draw < 0.4
           THEN (ARRAY[1, 2, 3, 4, 4, 5, 5, 5])[1 + floor(s.rating_draw / 0.4 * 8)::int] END AS rating
       FROM stepped AS s`,
      [shape.size, from.toISOString(), shape.now.toISOString()],
    )
    const placed = [...(shape.cells ?? new Map<string, readonly string[]>())].flatMap(([leaf, cells]) => cells.map((cell, i) => ({ leaf, i, cell })))
    await tx.query(
      `CREATE TEMPORARY TABLE bench_cell ON COMMIT DROP AS
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS c (leaf_code, i, r6, r7, r8, r9)`,
      [placed.map((p) => p.leaf), placed.map((p) => p.i), ...[6, 7, 8].map((res) => placed.map((p) => cellToParent(p.cell, res))), placed.map((p) => p.cell)],
    )
    await tx.query(`INSERT INTO event (id, kind, source, source_id, occurred_at, received_at, updated_at, precision, units, category, text, text_folded,
                                       cell_r6, cell_r7, cell_r8, cell_r9)
      OVERRIDING SYSTEM VALUE
      SELECT s.id, 'complaint', 'bench', s.id::text, s.received_at, s.received_at, s.received_at, 'ward', s.units, s.category, $1::text, $2::text,
        c.r6, c.r7, c.r8, c.r9
      FROM bench_seed AS s
      LEFT JOIN (SELECT leaf_code, count(*)::int AS n FROM bench_cell GROUP BY leaf_code) AS leaf ON leaf.leaf_code = s.leaf_code
      LEFT JOIN bench_cell AS c ON c.leaf_code = s.leaf_code AND c.i = s.id % leaf.n`, [BENCH_TEXT, asciiFold(BENCH_TEXT)])
    if (shape.rollups) {
      await tx.query(`INSERT INTO rollup_minute (minute, kind, cell, category, units, count)
        SELECT date_trunc('minute', occurred_at), kind, coalesce(cell_r9, ''), coalesce(category, ''), units, count(*)
        FROM event WHERE source = 'bench' GROUP BY 1, 2, 3, 4, 5`)
    }
    await tx.query(`SELECT setval(pg_get_serial_sequence('event', 'id'), (SELECT max(id) FROM event))`)
    await tx.query(`INSERT INTO complaint (event_id, received_at, category, units, status, status_at, assigned_unit, sla_hours, due_at,
                                          clock_stopped_at, first_resolved_at, resolved_on_time, rating, rated_at)
      SELECT id, received_at, category, units, status, status_at, CASE WHEN reached >= 1 THEN leaf_code END, sla_hours,
        received_at + sla_hours * interval '1 hour', clock_stopped_at, first_resolved_at,
        CASE WHEN fate_kind IN ('resolved', 'closed') THEN resolved_at <= received_at + sla_hours * interval '1 hour' END,
        rating, CASE WHEN rating IS NOT NULL THEN resolved_at END
      FROM bench_seed`)
    // The history each state implies: received, assigned and in progress on the way, then the end.
    await tx.query(`INSERT INTO complaint_status_change (event_id, status, at, recorded_at, actor, unit)
      SELECT s.id, h.status, h.at, h.at, 'bench', h.unit
      FROM bench_seed AS s
      CROSS JOIN LATERAL (VALUES
        ('received', s.received_at, NULL, true),
        ('assigned', s.assigned_at, s.leaf_code, s.reached >= 1),
        ('in_progress', s.in_progress_at, NULL, s.reached >= 2),
        ('resolved', s.resolved_at, NULL, s.fate_kind IN ('resolved', 'closed')),
        ('closed', s.closed_at, NULL, s.fate_kind IN ('closed', 'invalid')),
        ('rejected', s.received_at + interval '1 hour', NULL, s.fate_kind = 'rejected')
      ) AS h (status, at, unit, kept)
      WHERE h.kept`)
  })
  await db.query('VACUUM ANALYZE complaint')
  await db.query('ANALYZE event')
  if (shape.rollups) await db.query('ANALYZE rollup_minute')
  await db.query('ANALYZE complaint_status_change')
}
