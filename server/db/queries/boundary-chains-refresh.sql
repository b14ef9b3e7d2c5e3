-- boundary-chains-refresh: every unit's chain — its ancestors' codes from the top level down, then
-- its own — from the parent_code links, for the whole table: a parent imported after its children
-- lengthens their chains. A parent not imported (yet) ends a chain; a cycle is cut where it closes.
-- Parts (boundary_part) carry their unit's chain and each member's area, so ingest orders a
-- point's units (fewer ancestors first, then larger area) without reading boundary. Only rows whose
-- values change are written: re-importing the same file rewrites nothing here.
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
  AND (boundary_part.chain IS DISTINCT FROM measured.chain OR boundary_part.chain_areas IS DISTINCT FROM measured.areas)
