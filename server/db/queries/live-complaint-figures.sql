-- live-complaint-figures: per scope, complaints open now (the clock runs), those of them overdue at
-- $2 (the node's clock, so a deadline passing changes the figure with no new event), and those
-- first resolved since $3 (local midnight; invalid records, resolved before received, left out).
-- 'city' counts all; a unit code the complaints whose units hold it. Two index-backed probes per
-- scope (complaint_running_due_idx, complaint_first_resolved_idx), never a scan of the table.
SELECT s.scope, running.open, running.overdue, resolved.today AS resolved_today
FROM unnest($1::text[]) AS s(scope)
CROSS JOIN LATERAL (
  SELECT count(*)::int AS open, count(*) FILTER (WHERE c.due_at < $2::timestamptz)::int AS overdue
  FROM complaint AS c
  WHERE c.clock_stopped_at IS NULL AND (s.scope = 'city' OR c.units @> ARRAY[s.scope])
) AS running
CROSS JOIN LATERAL (
  SELECT count(*)::int AS today
  FROM complaint AS c
  WHERE c.first_resolved_at >= $3::timestamptz AND c.first_resolved_at >= c.received_at
    AND (s.scope = 'city' OR c.units @> ARRAY[s.scope])
) AS resolved
