-- boundary-list: one level as a GeoJSON FeatureCollection, simplified with tolerance $2 (degrees),
-- coordinates to 6 decimals (~0.1 m), always MultiPolygon (GEOS may hand back a Polygon), with the
-- label point ([lon, lat], inside the unit) in the properties. Built in SQL so Node only passes
-- the document on.
SELECT json_build_object(
  'type', 'FeatureCollection',
  'features', COALESCE(json_agg(json_build_object(
    'type', 'Feature',
    'id', code,
    'properties', json_build_object(
      'code', code, 'level', level, 'name', name, 'name_ascii', name_ascii, 'parent_code', parent_code,
      'label', json_build_array(round(ST_X(label)::numeric, 6), round(ST_Y(label)::numeric, 6))),
    'geometry', ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(geom, $2::float8)), 6)::json
  ) ORDER BY code), '[]'::json)
) AS collection
FROM boundary
WHERE level = $1::text
