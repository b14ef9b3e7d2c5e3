-- place-summary: a place's figures (CON-6). The place is r9 cells $1 (null: a unit) or the unit $2
-- (null: cells). Counts: the minute roll-ups of minutes in ($3, $4] truncated to the minute, as
-- the wall's windows count. Speed and satisfaction: the complaints received in [$3, $4), as LIFE-6
-- defines them (complaint-speed.sql). Open and overdue: now ($5), whenever received.
WITH counted AS (
  SELECT
    coalesce(sum(r.count) FILTER (WHERE r.kind = 'complaint'), 0)::int AS complaints,
    coalesce(sum(r.count) FILTER (WHERE r.kind = 'mention'), 0)::int AS mentions
  FROM rollup_minute AS r
  WHERE r.minute > date_trunc('minute', $3::timestamptz) AND r.minute <= date_trunc('minute', $4::timestamptz)
    AND ($1::text[] IS NULL OR r.cell = ANY ($1::text[]))
    AND ($2::text IS NULL OR r.units @> ARRAY[$2::text])
),
speed AS (
  SELECT
    count(*)::int AS received,
    count(*) FILTER (WHERE c.first_resolved_at >= c.received_at)::int AS resolved,
    count(*) FILTER (WHERE c.first_resolved_at >= c.received_at AND c.resolved_on_time)::int AS on_time,
    coalesce(sum(c.rating), 0)::int AS rating_sum,
    count(c.rating)::int AS ratings,
    percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY date_part('epoch', c.first_resolved_at - c.received_at) / 3600)
      FILTER (WHERE c.first_resolved_at >= c.received_at) AS hours
  FROM complaint AS c
  WHERE c.received_at >= $3::timestamptz AND c.received_at < $4::timestamptz
    AND ($1::text[] IS NULL OR c.cell_r9 = ANY ($1::text[]))
    AND ($2::text IS NULL OR c.units @> ARRAY[$2::text])
),
running AS (
  SELECT count(*)::int AS open, count(*) FILTER (WHERE c.due_at < $5::timestamptz)::int AS overdue
  FROM complaint AS c
  WHERE c.clock_stopped_at IS NULL
    AND ($1::text[] IS NULL OR c.cell_r9 = ANY ($1::text[]))
    AND ($2::text IS NULL OR c.units @> ARRAY[$2::text])
)
SELECT counted.*, speed.*, running.* FROM counted, speed, running
