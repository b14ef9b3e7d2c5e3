-- OpsWall schema v1: boundaries, events, minute roll-ups.
CREATE EXTENSION IF NOT EXISTS postgis;

-- Administrative units of any level (city, district, ward…): levels and codes are data.
CREATE TABLE boundary (
  code        text PRIMARY KEY,
  level       text NOT NULL,
  name        text NOT NULL,
  name_ascii  text NOT NULL,
  parent_code text,
  properties  jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom        geometry(MultiPolygon, 4326) NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX boundary_geom_idx ON boundary USING gist (geom);
CREATE INDEX boundary_level_idx ON boundary (level);
CREATE INDEX boundary_parent_idx ON boundary (parent_code);

-- Units cut into small pieces (ST_Subdivide): point-in-polygon against a GiST index of
-- small boxes is many times faster than against a few large, detailed polygons.
CREATE TABLE boundary_part (
  code  text NOT NULL REFERENCES boundary (code) ON DELETE CASCADE,
  level text NOT NULL,
  geom  geometry(Polygon, 4326) NOT NULL
);
CREATE INDEX boundary_part_geom_idx ON boundary_part USING gist (geom);
CREATE INDEX boundary_part_code_idx ON boundary_part (code);

-- Complaints and social mentions. (source, source_id) makes ingest idempotent.
CREATE TABLE event (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('complaint', 'mention')),
  source        text NOT NULL,
  source_id     text NOT NULL,
  occurred_at   timestamptz NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  geom          geometry(Point, 4326),
  precision     text NOT NULL CHECK (precision IN ('point', 'ward', 'district', 'city', 'unknown')),
  out_of_area   boolean NOT NULL DEFAULT false,
  cell_r6       text,
  cell_r7       text,
  cell_r8       text,
  cell_r9       text,
  district_code text,
  ward_code     text,
  category      text,
  status        text,
  sentiment     real,
  text          text,
  address       text,
  attributes    jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Personal data of the complainant (name, phone, e-mail). Never selected by aggregate,
  -- ticker or wall queries.
  contact       jsonb,
  CONSTRAINT event_source_key UNIQUE (source, source_id)
);
CREATE INDEX event_occurred_at_idx ON event (occurred_at);
CREATE INDEX event_geom_idx ON event USING gist (geom);

-- Counts per minute × kind × res-9 cell × category × unit, written in the same transaction
-- as the events so that every window can be rebuilt from the database after a restart.
-- '' stands for "none" so the key can be a primary key.
CREATE TABLE rollup_minute (
  minute        timestamptz NOT NULL,
  kind          text NOT NULL,
  cell          text NOT NULL,
  category      text NOT NULL,
  district_code text NOT NULL,
  ward_code     text NOT NULL,
  count         integer NOT NULL,
  PRIMARY KEY (minute, kind, cell, category, district_code, ward_code)
);
