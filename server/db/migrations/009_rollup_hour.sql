-- OpsWall schema v9: hourly roll-ups by category × units × kind, for counts over long spans —
-- today's and this week's issues with the 7 spans they are compared with (NLP-5), a briefing's
-- period of up to 90 days (BRF-*). Read through rollup_units_between(): whole hours from here,
-- the minutes at either end from rollup_minute (hours cut in UTC, whatever the session's zone), so any minute-aligned span counts exactly what
-- the minute roll-ups count, reading ~24 rows per key a day instead of one per cell and minute.
-- Written in the same statement as events and rollup_minute (insert-events.sql), so both always agree.
-- (008 is the console's search migration.)
CREATE TABLE rollup_hour (
  hour     timestamptz NOT NULL,
  kind     text NOT NULL,
  category text NOT NULL,
  units    text[] NOT NULL,
  count    integer NOT NULL,
  PRIMARY KEY (hour, kind, category, units)
);

INSERT INTO rollup_hour (hour, kind, category, units, count)
SELECT date_trunc('hour', minute, 'UTC'), kind, category, units, sum(count)::int
FROM rollup_minute
GROUP BY 1, 2, 3, 4;

-- Events per kind × category × units in [from_at, to_at) (on minute boundaries, as roll-ups are): minute roll-ups for the partial hours at
-- either end, hourly ones between. One row per roll-up row read (the caller groups).
CREATE FUNCTION rollup_units_between(from_at timestamptz, to_at timestamptz)
RETURNS TABLE (kind text, category text, units text[], count integer)
LANGUAGE sql STABLE AS $$
  WITH bounds AS (
    SELECT
      CASE WHEN date_trunc('hour', from_at, 'UTC') = from_at THEN from_at ELSE date_trunc('hour', from_at, 'UTC') + interval '1 hour' END AS first_hour,
      date_trunc('hour', to_at, 'UTC') AS end_hour
  ),
  split AS (
    SELECT first_hour < end_hour AS has_hours, first_hour, end_hour FROM bounds
  )
  SELECT r.kind, r.category, r.units, r.count
  FROM rollup_minute AS r, split
  WHERE r.minute >= from_at AND r.minute < CASE WHEN split.has_hours THEN split.first_hour ELSE to_at END
  UNION ALL
  SELECT r.kind, r.category, r.units, r.count
  FROM rollup_hour AS r, split
  WHERE split.has_hours AND r.hour >= split.first_hour AND r.hour < split.end_hour
  UNION ALL
  SELECT r.kind, r.category, r.units, r.count
  FROM rollup_minute AS r, split
  WHERE split.has_hours AND r.minute >= split.end_hour AND r.minute < to_at
$$;
