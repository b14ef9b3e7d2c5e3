-- topics-counts (NLP-5): events per category × units × kind in the period ($1[1] → $2[1]) and
-- summed over the spans growth compares with (the rest of $1, $2), all from core/topics.ts
-- topicWindows so that which minutes count lives in one place and `total` and `previous` are
-- measured alike; in a scope ($3: a unit code, or NULL for the city). From rollup_minute, exact
-- whatever the volume. Rows stay per units array: the core places each array under one unit
-- (placeOf), the one rule for counts and texts.
-- The same shape as spike-baseline.sql: spans joined on rollup_minute, whose primary key (minute
-- first) gives the planner a range scan per span; over a table holding little more than the spans
-- it prefers one parallel scan. Its cost grows with the roll-up rows of the spans (npm run bench
-- topics), never with how many texts there are.
WITH span AS (
  SELECT from_at, to_at, ordinal = 1 AS current
  FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS s (from_at, to_at, ordinal)
)
SELECT r.category, r.units, r.kind,
       coalesce(sum(r.count) FILTER (WHERE span.current), 0)::int AS count,
       coalesce(sum(r.count) FILTER (WHERE NOT span.current), 0)::int AS previous
FROM span
JOIN rollup_minute AS r ON r.minute >= span.from_at AND r.minute < span.to_at
WHERE $3::text IS NULL OR r.units @> ARRAY[$3::text]
GROUP BY r.category, r.units, r.kind
