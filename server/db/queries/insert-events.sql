-- insert-events: stores a batch once per (source, source_id), gives each event its units, and adds
-- what was stored to the minute and hour roll-ups, and each new complaint its lifecycle row and history
-- (LIFE-5) — one statement, so one transaction.
-- Units: with a point, every unit whose parts (boundary_part: subdivided, GiST) the point touches,
-- at whatever level, with the chains of those units; without one, the named unit's chain. Ordered
-- from the top level down: fewer ancestors first (position in a chain), then larger area
-- (boundary_part.chain_areas: levels not linked by a parent), then code. A point in no unit has none.
-- Ingest has already read each text (NLP-7): `category` and `unit` are the producer's, else the
-- text's, and $24…$27 say with what confidence and sentiment.
-- $28 is the text folded for search (CON-8, core/text.ts asciiFold).
-- $1…$28 are parallel arrays, one element per event, sorted by (source, source_id) so that
-- concurrent batches lock rows in the same order.
-- A batch may carry one event twice: the first is the one stored, and the only one joined back.
WITH given AS (
  SELECT *
  FROM unnest(
    $1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::float8[], $6::float8[], $7::text[],
    $8::text[], $9::text[], $10::text[], $11::jsonb[], $12::jsonb[],
    $13::text[], $14::text[], $15::text[], $16::text[],
    $17::text[], $18::timestamptz[], $19::real[], $20::timestamptz[], $21::timestamptz[], $22::timestamptz[], $23::boolean[],
    $24::real[], $25::text[], $26::real[], $27::real[], $28::text[]
  ) WITH ORDINALITY AS t (kind, source, source_id, occurred_at, lon, lat, unit, text, address, category,
          attributes, contact, cell_r6, cell_r7, cell_r8, cell_r9,
          status, status_at, sla_hours, due_at, clock_stopped_at, first_resolved_at, resolved_on_time,
          category_confidence, sentiment, sentiment_confidence, place_confidence, text_folded,
          ordinality)
),
input AS (
  SELECT DISTINCT ON (source, source_id) * FROM given ORDER BY source, source_id, ordinality
),
placed AS (
  SELECT
    input.*,
    point.geom,
    hit.units AS hit_units,
    named.level AS unit_level,
    named.chain AS unit_chain
  FROM input
  CROSS JOIN LATERAL (
    SELECT CASE WHEN input.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(input.lon, input.lat), 4326) END AS geom
  ) AS point
  LEFT JOIN LATERAL (
    SELECT array_agg(member.code ORDER BY member.depth, member.area DESC, member.code) AS units
    FROM (
      SELECT link.code, min(link.depth) AS depth, max(link.area) AS area
      FROM boundary_part AS part
      CROSS JOIN LATERAL unnest(part.chain, part.chain_areas) WITH ORDINALITY AS link (code, area, depth)
      WHERE point.geom IS NOT NULL AND ST_Intersects(part.geom, point.geom)
      GROUP BY link.code
    ) AS member
  ) AS hit ON true
  LEFT JOIN boundary AS named ON named.code = input.unit
),
stored AS (
  INSERT INTO event (
    kind, source, source_id, occurred_at, geom, precision, out_of_area,
    cell_r6, cell_r7, cell_r8, cell_r9, units,
    category, text, address, attributes, contact,
    category_confidence, sentiment, sentiment_confidence, place_confidence, text_folded
  )
  SELECT
    placed.kind, placed.source, placed.source_id, placed.occurred_at, placed.geom,
    CASE
      WHEN placed.geom IS NOT NULL THEN 'point'
      WHEN placed.unit_level IS NOT NULL THEN placed.unit_level
      ELSE 'unknown'
    END,
    placed.geom IS NOT NULL AND placed.hit_units IS NULL,
    placed.cell_r6, placed.cell_r7, placed.cell_r8, placed.cell_r9,
    CASE WHEN placed.geom IS NOT NULL THEN COALESCE(placed.hit_units, '{}') ELSE COALESCE(placed.unit_chain, '{}') END,
    placed.category, placed.text, placed.address, placed.attributes, placed.contact,
    placed.category_confidence, placed.sentiment, placed.sentiment_confidence,
    -- A unit read from the text that is gone by now (re-imported away) places nothing.
    CASE WHEN placed.unit_level IS NOT NULL THEN placed.place_confidence END,
    placed.text_folded
  FROM placed
  ON CONFLICT (source, source_id) DO NOTHING
  RETURNING id, kind, source, source_id, occurred_at, received_at, cell_r9, category, units,
            precision, out_of_area, text
),
lifecycle AS (
  SELECT stored.id, stored.occurred_at, stored.received_at, stored.source, stored.category, stored.units,
         stored.cell_r9, input.status, input.status_at, input.sla_hours, input.due_at,
         input.clock_stopped_at, input.first_resolved_at, input.resolved_on_time
  FROM stored
  JOIN input USING (source, source_id)
  WHERE stored.kind = 'complaint'
),
complaints AS (
  INSERT INTO complaint (event_id, received_at, category, units, cell_r9, status, status_at, sla_hours,
                         due_at, clock_stopped_at, first_resolved_at, resolved_on_time)
  -- A resolution dated before receipt is an invalid record (LIFE-6): the history keeps the date
  -- as sent, the state's last change is the receipt.
  SELECT id, occurred_at, category, units, cell_r9, status, greatest(status_at, occurred_at), sla_hours,
         due_at, clock_stopped_at, first_resolved_at, resolved_on_time
  FROM lifecycle
),
history AS (
  INSERT INTO complaint_status_change (event_id, status, at, recorded_at, actor)
  SELECT id, 'received', occurred_at, received_at, source FROM lifecycle
  UNION ALL
  SELECT id, status, status_at, received_at, source FROM lifecycle WHERE status <> 'received'
),
rolled AS (
  INSERT INTO rollup_minute AS r (minute, kind, cell, category, units, count)
  SELECT date_trunc('minute', occurred_at), kind, COALESCE(cell_r9, ''), COALESCE(category, ''), units, count(*)
  FROM stored
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (minute, kind, cell, category, units)
  DO UPDATE SET count = r.count + excluded.count
),
rolled_hour AS (
  INSERT INTO rollup_hour AS r (hour, kind, category, units, count)
  SELECT date_trunc('hour', occurred_at, 'UTC'), kind, COALESCE(category, ''), units, count(*)
  FROM stored
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (hour, kind, category, units)
  DO UPDATE SET count = r.count + excluded.count
)
SELECT
  stored.id::text AS id, stored.kind, stored.source, stored.source_id, stored.occurred_at, stored.received_at,
  stored.cell_r9, stored.category, stored.units, stored.precision, stored.out_of_area, input.status, stored.text
FROM stored
JOIN input USING (source, source_id)
