-- boundary-upsert: one unit from GeoJSON in SRID $8, stored repaired (ST_MakeValid, polygonal
-- parts only), 2D, as a 4326 MultiPolygon; re-importing a code replaces it. Answers whether the
-- input was valid and whether anything with area is left, so the caller can report or refuse.
-- The label point (where the map writes the name) is the centre of the largest inscribed circle.
-- The unit's chain is left to boundary-chains-refresh (its parent may come in a later file).
-- $1 code, $2 level, $3 name, $4 name_ascii, $5 parent_code, $6 properties, $7 GeoJSON geometry, $8 SRID
WITH source AS (
  SELECT ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON($7::text)), $8::int) AS geom
),
fixed AS (
  SELECT
    ST_IsValid(geom) AS was_valid,
    -- Repaired before reprojecting (ST_Transform of an invalid ring stays invalid) and after
    -- (reprojection can pinch a near-degenerate ring).
    ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Transform(ST_MakeValid(geom), 4326)), 3)) AS geom
  FROM source
),
saved AS (
  INSERT INTO boundary AS b (code, level, name, name_ascii, parent_code, properties, geom, label, chain, imported_at)
  SELECT $1::text, $2::text, $3::text, $4::text, $5::text, $6::jsonb, fixed.geom,
         (ST_MaximumInscribedCircle(fixed.geom)).center, ARRAY[$1::text], now()
  FROM fixed
  WHERE NOT ST_IsEmpty(fixed.geom)
  ON CONFLICT (code) DO UPDATE SET
    name = EXCLUDED.name,
    name_ascii = EXCLUDED.name_ascii,
    parent_code = EXCLUDED.parent_code,
    properties = EXCLUDED.properties,
    geom = EXCLUDED.geom,
    label = EXCLUDED.label,
    imported_at = EXCLUDED.imported_at
  WHERE b.level = EXCLUDED.level
  RETURNING (xmax = 0) AS inserted
)
SELECT
  fixed.was_valid,
  ST_IsEmpty(fixed.geom) AS empty,
  (SELECT inserted FROM saved) AS inserted
FROM fixed
