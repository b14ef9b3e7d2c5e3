-- boundary-parts-refill: recuts the given units into small polygons (at most 64 vertices each)
-- for point-in-polygon at ingest, each carrying its unit's chain and the area of every member of
-- the chain (run after boundary-chains-refresh). The DELETE and INSERT see the same snapshot: old
-- parts go, new parts come, in one statement.
WITH gone AS (
  DELETE FROM boundary_part WHERE code = ANY($1::text[])
),
measured AS (
  SELECT unit.code, array_agg(ST_Area(member.geom) ORDER BY link.position) AS areas
  FROM boundary AS unit
  CROSS JOIN LATERAL unnest(unit.chain) WITH ORDINALITY AS link (code, position)
  JOIN boundary AS member ON member.code = link.code
  WHERE unit.code = ANY($1::text[])
  GROUP BY unit.code
)
INSERT INTO boundary_part (code, level, chain, chain_areas, geom)
SELECT unit.code, unit.level, unit.chain, measured.areas, piece.geom
FROM boundary AS unit
JOIN measured ON measured.code = unit.code
CROSS JOIN LATERAL ST_Subdivide(unit.geom, 64) AS cut (geom)
CROSS JOIN LATERAL ST_Dump(cut.geom) AS piece
WHERE unit.code = ANY($1::text[]) AND GeometryType(piece.geom) = 'POLYGON'
