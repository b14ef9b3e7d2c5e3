-- live-processing: per scope, how its complaints received in [$2, $3) — the last 7 days — were
-- handled (LIFE-6, LIVE-15). Time to resolve runs from received to the first resolved or closed, in
-- hours, over valid records only (a resolution dated before receipt is invalid and left out);
-- median and p90 interpolate linearly (percentile_cont); on time is the share of those resolved
-- within their SLA; satisfaction averages every rating given. One query for every scope.
SELECT s.scope,
       f.resolved,
       f.median_hours,
       f.p90_hours,
       100 * f.on_time::float8 / nullif(f.resolved, 0) AS on_time_pct,
       f.satisfaction,
       f.ratings
FROM unnest($1::text[]) AS s(scope)
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE d.valid)::int AS resolved,
         count(*) FILTER (WHERE d.valid AND c.resolved_on_time)::int AS on_time,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY d.hours) FILTER (WHERE d.valid) AS median_hours,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY d.hours) FILTER (WHERE d.valid) AS p90_hours,
         avg(c.rating)::float8 AS satisfaction,
         count(c.rating)::int AS ratings
  FROM complaint AS c
  CROSS JOIN LATERAL (
    SELECT c.first_resolved_at >= c.received_at AS valid,
           extract(epoch FROM c.first_resolved_at - c.received_at)::float8 / 3600 AS hours
  ) AS d
  WHERE c.received_at >= $2::timestamptz AND c.received_at < $3::timestamptz
    AND (s.scope = 'city' OR c.units @> ARRAY[s.scope])
) AS f
