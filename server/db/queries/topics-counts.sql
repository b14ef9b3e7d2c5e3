-- topics-counts (NLP-5): events per category × units × kind in the period ($1[1] → $2[1]) and
-- summed over the spans growth compares with (the rest of $1, $2), all from core/topics.ts
-- topicWindows so that which minutes count lives in one place and `total` and `previous` are
-- measured alike; in a scope ($3: a unit code, or NULL for the city). From the roll-ups, exact
-- whatever the volume. Rows stay per units array: the core places each array under one unit
-- (placeOf), the one rule for counts and texts.
-- Whole hours come from rollup_hour, the minutes at either end from rollup_minute
-- (rollup_units_between, migration 009): the cost grows with hours and keys, not with cells and
-- minutes (npm run bench topics).
WITH span AS (
  SELECT from_at, to_at, ordinal = 1 AS current
  FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS s (from_at, to_at, ordinal)
)
SELECT r.category, r.units, r.kind,
       coalesce(sum(r.count) FILTER (WHERE span.current), 0)::int AS count,
       coalesce(sum(r.count) FILTER (WHERE NOT span.current), 0)::int AS previous
FROM span
CROSS JOIN LATERAL rollup_units_between(span.from_at, span.to_at) AS r
WHERE $3::text IS NULL OR r.units @> ARRAY[$3::text]
GROUP BY r.category, r.units, r.kind
