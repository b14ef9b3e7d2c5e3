-- spike-baseline (NLP-6): per unit of a level in $3 × kind × category with events in the current
-- window, those events and the sum of its events over the same window 1…N weeks earlier. Spans
-- come as arrays of starts ($1) and ends ($2), the current one first (core/spikes.ts spikeWindows),
-- so the rule of which minutes count lives in one place. One query for all places; each span is a
-- range scan of rollup_minute's primary key (minute first). `within`: the codes of the units that
-- hold the place, from the top level down, so an alert reaches every scope containing it.
WITH span AS (
  SELECT from_at, to_at, ordinal = 1 AS current
  FROM unnest($1::timestamptz[], $2::timestamptz[]) WITH ORDINALITY AS s (from_at, to_at, ordinal)
),
counted AS (
  SELECT unit.code, r.kind, r.category,
         sum(r.count) FILTER (WHERE span.current) AS count,
         sum(r.count) FILTER (WHERE NOT span.current) AS past_total
  FROM span
  JOIN rollup_minute AS r ON r.minute >= span.from_at AND r.minute < span.to_at
  CROSS JOIN LATERAL unnest(r.units) AS unit (code)
  GROUP BY 1, 2, 3
  HAVING sum(r.count) FILTER (WHERE span.current) > 0
)
SELECT b.code, b.name, b.level, parent.name AS parent_name, b.chain[1:cardinality(b.chain) - 1] AS within,
       counted.kind, counted.category, counted.count::int AS count, COALESCE(counted.past_total, 0)::int AS past_total
FROM counted
JOIN boundary AS b ON b.code = counted.code AND b.level = ANY ($3::text[])
LEFT JOIN boundary AS parent ON parent.code = b.parent_code
