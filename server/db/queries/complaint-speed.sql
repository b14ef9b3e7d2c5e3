-- complaint-speed: how the complaints received in each period were handled (LIFE-6): periods are
-- parallel arrays — scope $1 ('city': all; a unit code: those whose units hold it), start $2, end
-- $3 — in the order given; $4 the category codes (null: all; no category counts as 'other'). The
-- weekly trend asks one scope's weeks, a live node its scopes' last 7 days. A period without
-- complaints is a row of zeros. Each period is its own range of complaint_received_covering_idx.
SELECT w.scope, w.period_start, f.*
FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS w (scope, period_start, period_end, position)
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
  WHERE c.received_at >= w.period_start AND c.received_at < w.period_end
    AND (w.scope = 'city' OR c.units @> ARRAY[w.scope])
    AND ($4::text[] IS NULL OR coalesce(c.category, 'other') = ANY ($4::text[]))
) AS f
ORDER BY w.position
