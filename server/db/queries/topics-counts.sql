-- topics-counts (NLP-5): events per category × units × kind in the period ($1[1] → $2[1]) and
-- summed over the spans growth compares with (the rest of $1, $2), all from core/topics.ts
-- topicWindows so that which minutes count lives in one place and `total` and `previous` are
-- measured alike; in a scope ($3: a unit code, or NULL for the city). From rollup_minute, exact
-- whatever the volume. Rows stay per units array: the core places each array under one unit
-- (placeOf), the one rule for counts and texts.
-- Each span is its own range scan of the primary key (minute first): OFFSET 0 keeps the planner
-- from flattening the subquery into one scan of the table tested against every span.
WITH span AS (
  SELECT from_at, to_at, ordinal = 1 AS current
  FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS s (from_at, to_at, ordinal)
)
SELECT r.category, r.units, r.kind,
       coalesce(sum(r.count) FILTER (WHERE span.current), 0)::int AS count,
       coalesce(sum(r.count) FILTER (WHERE NOT span.current), 0)::int AS previous
FROM span
CROSS JOIN LATERAL (
  SELECT rollup_minute.category, rollup_minute.units, rollup_minute.kind, rollup_minute.count
  FROM rollup_minute
  WHERE rollup_minute.minute >= span.from_at AND rollup_minute.minute < span.to_at
    AND ($3::text IS NULL OR rollup_minute.units @> ARRAY[$3::text])
  OFFSET 0
) AS r
GROUP BY r.category, r.units, r.kind
