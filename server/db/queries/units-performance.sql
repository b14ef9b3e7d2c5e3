-- units-performance: processing speed and satisfaction of the complaints received in [$2, $3)
-- (LIFE-6), one row per unit at level $1 — every unit of the level, counted or not — and
-- one row over them all, code 'city' with name and level null. $4: the category codes to count
-- (null: all; a complaint without a category counts as 'other', as its SLA does); $5: now, for
-- what is overdue.
-- One index-only scan of complaint_received_covering_idx (005_performance.sql). Complaints are
-- first grouped by their `units` array, hashed — a few hundred distinct arrays, so the per-row work
-- is one hash probe; each group is then placed under the city and under each of its units at the
-- level (a complaint on a shared border counts in both units, once in the city), and each
-- percentile sorts only that unit's hours. Hours are float8 (date_part): extract() is numeric.
WITH member AS MATERIALIZED (
  SELECT code, name, level FROM boundary WHERE level = $1
),
grouped AS MATERIALIZED (
  SELECT
    c.units,
    count(*)::int AS received,
    count(*) FILTER (WHERE c.first_resolved_at >= c.received_at)::int AS resolved,
    count(*) FILTER (WHERE c.first_resolved_at < c.received_at)::int AS invalid,
    count(*) FILTER (WHERE c.first_resolved_at >= c.received_at AND c.resolved_on_time)::int AS on_time,
    count(*) FILTER (WHERE c.status NOT IN ('resolved', 'closed', 'rejected'))::int AS open,
    count(*) FILTER (WHERE c.clock_stopped_at IS NULL AND c.due_at < $5::timestamptz)::int AS overdue,
    count(*) FILTER (WHERE c.status = 'rejected')::int AS rejected,
    coalesce(sum(c.rating), 0)::int AS rating_sum,
    count(c.rating)::int AS ratings,
    array_agg(date_part('epoch', c.first_resolved_at - c.received_at) / 3600) FILTER (WHERE c.first_resolved_at >= c.received_at) AS hours
  FROM complaint AS c
  WHERE c.received_at >= $2::timestamptz AND c.received_at < $3::timestamptz
    AND ($4::text[] IS NULL OR coalesce(c.category, 'other') = ANY ($4::text[]))
  GROUP BY c.units
),
placed AS MATERIALIZED (
  SELECT 'city' AS code, g.* FROM grouped AS g
  UNION ALL
  SELECT member.code, g.*
  FROM grouped AS g
  CROSS JOIN LATERAL unnest(g.units) AS place (code)
  JOIN member ON member.code = place.code
),
counted AS (
  SELECT code,
    sum(received)::int AS received, sum(resolved)::int AS resolved, sum(invalid)::int AS invalid,
    sum(on_time)::int AS on_time, sum(open)::int AS open, sum(overdue)::int AS overdue,
    sum(rejected)::int AS rejected, sum(rating_sum)::int AS rating_sum, sum(ratings)::int AS ratings
  FROM placed
  GROUP BY code
)
SELECT
  listed.code, listed.name, listed.level,
  coalesce(counted.received, 0) AS received, coalesce(counted.resolved, 0) AS resolved,
  coalesce(counted.invalid, 0) AS invalid, coalesce(counted.on_time, 0) AS on_time,
  coalesce(counted.open, 0) AS open, coalesce(counted.overdue, 0) AS overdue,
  coalesce(counted.rejected, 0) AS rejected, coalesce(counted.rating_sum, 0) AS rating_sum,
  coalesce(counted.ratings, 0) AS ratings,
  (SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY resolved.hours)
   FROM placed AS p CROSS JOIN LATERAL unnest(p.hours) AS resolved (hours)
   WHERE p.code = listed.code) AS hours
FROM (
  SELECT 'city' AS code, NULL::text AS name, NULL::text AS level
  UNION ALL
  SELECT code, name, level FROM member
) AS listed
LEFT JOIN counted ON counted.code = listed.code
