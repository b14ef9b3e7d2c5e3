-- units-performance-weekly: per week, the complaints received in it (LIFE-6): week starts $2 and
-- ends $3 (parallel arrays, Monday 00:00 local, made by core/performance.ts), in scope $1 ('city':
-- all; a unit code: those whose units hold it), of the category codes $4 (null: all; no category
-- counts as 'other'). A week without complaints is a row of zeros. Each week is its own range of
-- complaint_received_covering_idx, so no sort is needed but each week's percentile.
SELECT w.week_start, f.*
FROM unnest($2::timestamptz[], $3::timestamptz[]) AS w (week_start, week_end)
CROSS JOIN LATERAL (
  SELECT
    count(*)::int AS received,
    count(*) FILTER (WHERE c.first_resolved_at >= c.received_at)::int AS resolved,
    count(*) FILTER (WHERE c.first_resolved_at >= c.received_at AND c.resolved_on_time)::int AS on_time,
    coalesce(sum(c.rating), 0)::int AS rating_sum,
    count(c.rating)::int AS ratings,
    percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY date_part('epoch', c.first_resolved_at - c.received_at) / 3600)
      FILTER (WHERE c.first_resolved_at >= c.received_at) AS hours
  FROM complaint AS c
  WHERE c.received_at >= w.week_start AND c.received_at < w.week_end
    AND ($1 = 'city' OR c.units @> ARRAY[$1::text])
    AND ($4::text[] IS NULL OR coalesce(c.category, 'other') = ANY ($4::text[]))
) AS f
ORDER BY w.week_start
