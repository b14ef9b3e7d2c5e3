-- rollup-hour-refill: rollup_hour set from rollup_minute, for whoever wrote minute roll-ups without
-- ingest (bench seeders): insert-events.sql keeps the two in step otherwise.
INSERT INTO rollup_hour AS r (hour, kind, category, units, count)
SELECT date_trunc('hour', minute, 'UTC'), kind, category, units, sum(count)::int
FROM rollup_minute
GROUP BY 1, 2, 3, 4
ON CONFLICT (hour, kind, category, units) DO UPDATE SET count = excluded.count
