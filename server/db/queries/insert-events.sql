-- insert-events: stores a batch once per (source, source_id), places each point in its ward and
-- district (point-in-polygon against the subdivided boundary parts, GiST), and adds what was
-- stored to the minute roll-ups — one statement, so one transaction.
-- $1…$17 are parallel arrays, one element per event, sorted by (source, source_id) so that
-- concurrent batches lock rows in the same order.
WITH input AS (
  SELECT *
  FROM unnest(
    $1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::float8[], $6::float8[], $7::text[],
    $8::text[], $9::text[], $10::text[], $11::text[], $12::jsonb[], $13::jsonb[],
    $14::text[], $15::text[], $16::text[], $17::text[]
  ) AS t (kind, source, source_id, occurred_at, lon, lat, unit, text, address, category, status,
          attributes, contact, cell_r6, cell_r7, cell_r8, cell_r9)
),
placed AS (
  SELECT
    input.*,
    point.geom,
    hit.ward_code AS hit_ward,
    hit.district_code AS hit_district,
    hit.parts,
    named.level AS unit_level,
    named.parent_code AS unit_parent
  FROM input
  CROSS JOIN LATERAL (
    SELECT CASE WHEN input.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(input.lon, input.lat), 4326) END AS geom
  ) AS point
  LEFT JOIN LATERAL (
    SELECT
      max(part.code) FILTER (WHERE part.level = 'ward') AS ward_code,
      max(part.code) FILTER (WHERE part.level = 'district') AS district_code,
      count(*) AS parts
    FROM boundary_part AS part
    WHERE point.geom IS NOT NULL AND ST_Intersects(part.geom, point.geom)
  ) AS hit ON true
  LEFT JOIN boundary AS named ON named.code = input.unit
),
located AS (
  SELECT
    placed.*,
    CASE
      WHEN geom IS NOT NULL THEN hit_ward
      WHEN unit_level = 'ward' THEN unit
    END AS ward_code
  FROM placed
),
stored AS (
  INSERT INTO event (
    kind, source, source_id, occurred_at, geom, precision, out_of_area,
    cell_r6, cell_r7, cell_r8, cell_r9, district_code, ward_code,
    category, status, text, address, attributes, contact
  )
  SELECT
    located.kind, located.source, located.source_id, located.occurred_at, located.geom,
    CASE
      WHEN located.geom IS NOT NULL THEN 'point'
      WHEN located.unit_level IN ('ward', 'district') THEN located.unit_level
      WHEN located.unit_level IS NOT NULL THEN 'city'
      ELSE 'unknown'
    END,
    located.geom IS NOT NULL AND located.parts = 0,
    located.cell_r6, located.cell_r7, located.cell_r8, located.cell_r9,
    COALESCE(
      located.hit_district,
      CASE WHEN located.unit_level = 'district' THEN located.unit END,
      ward.parent_code
    ),
    located.ward_code,
    located.category, located.status, located.text, located.address, located.attributes, located.contact
  FROM located
  LEFT JOIN boundary AS ward ON ward.code = located.ward_code
  ON CONFLICT (source, source_id) DO NOTHING
  RETURNING id, kind, source, source_id, occurred_at, received_at, cell_r9, category, district_code,
            ward_code, precision, out_of_area, status, text
),
rolled AS (
  INSERT INTO rollup_minute AS r (minute, kind, cell, category, district_code, ward_code, count)
  SELECT
    date_trunc('minute', occurred_at), kind, COALESCE(cell_r9, ''), COALESCE(category, ''),
    COALESCE(district_code, ''), COALESCE(ward_code, ''), count(*)
  FROM stored
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (minute, kind, cell, category, district_code, ward_code)
  DO UPDATE SET count = r.count + excluded.count
)
SELECT
  id::text AS id, kind, source, source_id, occurred_at, received_at, cell_r9, category,
  district_code, ward_code, precision, out_of_area, status, text
FROM stored
