-- boundary-srid-known: whether PostGIS can reproject from this SRID.
SELECT EXISTS (SELECT 1 FROM spatial_ref_sys WHERE srid = $1::int) AS known
