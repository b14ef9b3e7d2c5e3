-- replay-rollups: the minute roll-ups a replay slides over (CON-9), summed per minute, kind and r9
-- cell: minutes [$2, $3] of the unit $1 (null: the city), kinds $4; events without a cell are not
-- on the map. Epoch milliseconds as float8: both drivers answer a JS number.
SELECT (extract(epoch FROM r.minute) * 1000)::float8 AS minute_ms, r.kind, r.cell, sum(r.count)::int AS count
FROM rollup_minute AS r
WHERE r.minute >= $2::timestamptz AND r.minute <= $3::timestamptz
  AND r.cell <> ''
  AND ($1::text IS NULL OR r.units @> ARRAY[$1::text])
  AND r.kind = ANY ($4::text[])
GROUP BY r.minute, r.kind, r.cell
