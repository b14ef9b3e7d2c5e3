-- Minute roll-ups since $1 (the start of the longest window): what the live windows are rebuilt from.
-- Epoch milliseconds as float8 and count as int: both drivers (pg, PGlite) return JS numbers.
SELECT (extract(epoch FROM minute) * 1000)::float8 AS minute_ms,
       kind,
       cell,
       category,
       units,
       count::int AS count
FROM rollup_minute
WHERE minute >= $1
