-- place-histogram: a place's events per bucket from the minute roll-ups, never from events (CON-5).
-- The place is r9 cells $1 (a coarser cell's children; null: a unit) or the unit $2 (null: cells).
-- Minutes in [$3, $4), bucket = whole $5-second steps from $3; $6 kinds, $7 categories (null: any;
-- '' is a roll-up without a category). Buckets without events have no row.
SELECT floor(extract(epoch FROM r.minute - $3::timestamptz) / $5::int)::int AS bucket, r.kind, sum(r.count)::int AS count
FROM rollup_minute AS r
WHERE r.minute >= $3::timestamptz AND r.minute < $4::timestamptz
  AND ($1::text[] IS NULL OR r.cell = ANY ($1::text[]))
  AND ($2::text IS NULL OR r.units @> ARRAY[$2::text])
  AND r.kind = ANY ($6::text[])
  AND ($7::text[] IS NULL OR r.category = ANY ($7::text[]))
GROUP BY 1, 2
