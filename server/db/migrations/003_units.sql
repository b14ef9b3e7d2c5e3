-- OpsWall schema v3: levels are data everywhere. An event carries `units`, the codes of every
-- boundary containing it at every imported level plus their parent chains, from the top level
-- down; `district_code` and `ward_code` go. Each unit keeps its `chain` (ancestors from the top,
-- then itself) and a `label` point, maintained by the import (boundary-chains-refresh.sql).

-- Ancestors' codes from the top level down, then the unit's own; a parent not imported (yet)
-- ends the chain. Copied into boundary_part with the area of each member, so ingest orders a
-- point's units (fewer ancestors first, then larger area) from the parts it probes.
ALTER TABLE boundary ADD COLUMN chain text[] NOT NULL DEFAULT '{}';
ALTER TABLE boundary_part ADD COLUMN chain text[] NOT NULL DEFAULT '{}';
ALTER TABLE boundary_part ADD COLUMN chain_areas float8[] NOT NULL DEFAULT '{}';

-- Where the map writes a unit's name: the centre of its largest inscribed circle, always inside.
ALTER TABLE boundary ADD COLUMN label geometry(Point, 4326);

-- Same statement as queries/boundary-chains-refresh.sql (a migration cannot include a file).
WITH RECURSIVE up (code, chain, next) AS (
  SELECT code, ARRAY[code], parent_code FROM boundary
  UNION ALL
  SELECT up.code, parent.code || up.chain, parent.parent_code
  FROM up
  JOIN boundary AS parent ON parent.code = up.next
  WHERE NOT parent.code = ANY (up.chain)
),
longest AS (
  SELECT DISTINCT ON (code) code, chain FROM up ORDER BY code, cardinality(chain) DESC
),
chained AS (
  UPDATE boundary SET chain = longest.chain
  FROM longest
  WHERE boundary.code = longest.code AND boundary.chain IS DISTINCT FROM longest.chain
),
measured AS (
  SELECT longest.code, longest.chain, array_agg(ST_Area(member.geom) ORDER BY link.position) AS areas
  FROM longest
  CROSS JOIN LATERAL unnest(longest.chain) WITH ORDINALITY AS link (code, position)
  JOIN boundary AS member ON member.code = link.code
  GROUP BY longest.code, longest.chain
)
UPDATE boundary_part SET chain = measured.chain, chain_areas = measured.areas
FROM measured
WHERE boundary_part.code = measured.code
  AND (boundary_part.chain IS DISTINCT FROM measured.chain OR boundary_part.chain_areas IS DISTINCT FROM measured.areas);

UPDATE boundary SET label = (ST_MaximumInscribedCircle(geom)).center;

-- Every (district, ward) pair stored so far, as units: the union of both codes' chains (a code no
-- longer stored keeps its old place: district above ward), ordered from the top level down.
CREATE TEMPORARY TABLE legacy_units ON COMMIT DROP AS
WITH pairs AS (
  SELECT DISTINCT coalesce(district_code, '') AS district, coalesce(ward_code, '') AS ward FROM event
  UNION
  SELECT DISTINCT district_code, ward_code FROM rollup_minute
),
members AS (
  SELECT
    pairs.district,
    pairs.ward,
    link.code,
    min(CASE WHEN unit.code IS NULL THEN given.old_depth ELSE link.position - 1 END) AS depth
  FROM pairs
  CROSS JOIN LATERAL (VALUES (pairs.district, 0), (pairs.ward, 1)) AS given (code, old_depth)
  LEFT JOIN boundary AS unit ON unit.code = given.code
  CROSS JOIN LATERAL unnest(coalesce(unit.chain, ARRAY[given.code])) WITH ORDINALITY AS link (code, position)
  WHERE given.code <> ''
  GROUP BY pairs.district, pairs.ward, link.code
)
SELECT
  pairs.district,
  pairs.ward,
  coalesce(
    (SELECT array_agg(members.code ORDER BY members.depth, members.code)
     FROM members
     WHERE members.district = pairs.district AND members.ward = pairs.ward),
    '{}'::text[]
  ) AS units
FROM pairs;

ALTER TABLE event ADD COLUMN units text[] NOT NULL DEFAULT '{}';

UPDATE event SET units = legacy_units.units
FROM legacy_units
WHERE legacy_units.district = coalesce(event.district_code, '')
  AND legacy_units.ward = coalesce(event.ward_code, '')
  AND cardinality(legacy_units.units) > 0;

ALTER TABLE event DROP COLUMN district_code, DROP COLUMN ward_code;

-- Scope queries: `units @> ARRAY[$scope]`.
CREATE INDEX event_units_idx ON event USING gin (units);

-- Precision: 'point', the level of the unit a producer named (any level name), or 'unknown'.
ALTER TABLE event DROP CONSTRAINT event_precision_check;
ALTER TABLE event ADD CONSTRAINT event_precision_check CHECK (precision ~ '^[a-z][a-z0-9_-]{0,31}$');

-- Roll-ups keyed by units. Rebuilt rather than altered: two old keys may now name the same units.
CREATE TABLE rollup_minute_by_units (
  minute   timestamptz NOT NULL,
  kind     text NOT NULL,
  cell     text NOT NULL,
  category text NOT NULL,
  units    text[] NOT NULL,
  count    integer NOT NULL
);

INSERT INTO rollup_minute_by_units (minute, kind, cell, category, units, count)
SELECT old.minute, old.kind, old.cell, old.category, legacy_units.units, sum(old.count)::int
FROM rollup_minute AS old
JOIN legacy_units ON legacy_units.district = old.district_code AND legacy_units.ward = old.ward_code
GROUP BY 1, 2, 3, 4, 5;

DROP TABLE rollup_minute;
ALTER TABLE rollup_minute_by_units RENAME TO rollup_minute;
ALTER TABLE rollup_minute ADD CONSTRAINT rollup_minute_pkey PRIMARY KEY (minute, kind, cell, category, units);
