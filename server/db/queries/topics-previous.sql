-- topics-previous (NLP-5): events per category × units over the spans a topic's growth compares
-- with, summed (starts $1, ends $2: core/topics.ts topicWindows), in a scope ($3: a unit code, or
-- NULL for the city). From rollup_minute, so a week of history is one range scan per span.
WITH span AS (
  SELECT from_at, to_at FROM unnest($1::timestamptz[], $2::timestamptz[]) AS s (from_at, to_at)
)
SELECT r.category, r.units, sum(r.count)::int AS count
FROM span
JOIN rollup_minute AS r ON r.minute >= span.from_at AND r.minute < span.to_at
WHERE $3::text IS NULL OR r.units @> ARRAY[$3::text]
GROUP BY r.category, r.units
