-- boundary-chains-refresh: every unit's chain — its ancestors' codes from the top level down, then
-- its own — from the parent_code links, for the whole table: a parent imported after its children
-- lengthens their chains. A parent not imported (yet) ends a chain; a cycle is cut where it closes.
-- boundary_part gets each chain with the rank of every member (top levels first: fewer ancestors,
-- then larger area, then code), so ingest orders the units of a point without reading boundary.
-- Only what changed is written.
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
ranked AS (
  SELECT longest.code, (row_number() OVER (ORDER BY cardinality(longest.chain), ST_Area(unit.geom) DESC, longest.code))::int AS rank
  FROM longest
  JOIN boundary AS unit ON unit.code = longest.code
),
part_chain AS (
  SELECT longest.code, longest.chain, array_agg(ranked.rank ORDER BY link.position) AS ranks
  FROM longest
  CROSS JOIN LATERAL unnest(longest.chain) WITH ORDINALITY AS link (code, position)
  JOIN ranked ON ranked.code = link.code
  GROUP BY longest.code, longest.chain
)
UPDATE boundary_part SET chain = part_chain.chain, chain_ranks = part_chain.ranks
FROM part_chain
WHERE boundary_part.code = part_chain.code
  AND (boundary_part.chain IS DISTINCT FROM part_chain.chain OR boundary_part.chain_ranks IS DISTINCT FROM part_chain.ranks)
