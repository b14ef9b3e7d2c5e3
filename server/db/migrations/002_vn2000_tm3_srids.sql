-- VN-2000 / TM-3 local zones (EPSG 9205–9218): official Vietnamese boundary data for a province is
-- usually in its own 3° zone (Ho Chi Minh City: 9210, central meridian 105°45'), and neither
-- PostGIS 3.3 (Debian) nor PGlite's PostGIS 3.6 lists these zones in spatial_ref_sys.
-- Same datum shift as the VN-2000 rows PostGIS ships (3405, 4756); scale 0.9999, false easting 500 km.
-- ON CONFLICT keeps any row a newer PostGIS already provides.
INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text)
SELECT
  zone.srid, 'EPSG', zone.srid,
  format(
    'PROJCS["VN-2000 / TM-3 %s",GEOGCS["VN-2000",DATUM["Vietnam_2000",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],TOWGS84[-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278],AUTHORITY["EPSG","6756"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4756"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",%s],PARAMETER["scale_factor",0.9999],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","%s"]]',
    zone.name, zone.lon0, zone.srid),
  format(
    '+proj=tmerc +lat_0=0 +lon_0=%s +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278 +units=m +no_defs ',
    zone.lon0)
FROM (VALUES
  (9205, '103-00', '103'), (9206, '104-00', '104'), (9207, '104-30', '104.5'), (9208, '104-45', '104.75'),
  (9209, '105-30', '105.5'), (9210, '105-45', '105.75'), (9211, '106-00', '106'), (9212, '106-15', '106.25'),
  (9213, '106-30', '106.5'), (9214, '107-00', '107'), (9215, '107-15', '107.25'), (9216, '107-30', '107.5'),
  (9217, '108-15', '108.25'), (9218, '108-30', '108.5')
) AS zone (srid, name, lon0)
ON CONFLICT (srid) DO NOTHING;
