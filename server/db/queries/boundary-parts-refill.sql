-- boundary-parts-refill: recuts the given units into small polygons (at most 64 vertices each)
-- for point-in-polygon at ingest, each carrying its unit's chain. The DELETE and INSERT see the
-- same snapshot: old parts go, new parts come, in one statement.
WITH gone AS (
  DELETE FROM boundary_part WHERE code = ANY($1::text[])
)
INSERT INTO boundary_part (code, level, chain, geom)
SELECT unit.code, unit.level, unit.chain, piece.geom
FROM boundary AS unit
CROSS JOIN LATERAL ST_Subdivide(unit.geom, 64) AS cut (geom)
CROSS JOIN LATERAL ST_Dump(cut.geom) AS piece
WHERE unit.code = ANY($1::text[]) AND GeometryType(piece.geom) = 'POLYGON'
