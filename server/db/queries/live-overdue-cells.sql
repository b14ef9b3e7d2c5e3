-- live-overdue-cells: per scope, complaints overdue at $2 (the node's clock: a deadline passing
-- moves one onto the layer with no new event) per r9 cell (LIVE-15). Complaints without a point
-- have no cell: they count in the KPI only. 'city' counts all; a unit code the complaints whose
-- units hold it. One query for every scope, each probing complaint_running_due_idx.
SELECT s.scope, c.cell_r9 AS cell, count(*)::int AS count
FROM unnest($1::text[]) AS s(scope)
JOIN complaint AS c
  ON c.clock_stopped_at IS NULL AND c.due_at < $2::timestamptz AND c.cell_r9 IS NOT NULL
  AND (s.scope = 'city' OR c.units @> ARRAY[s.scope])
GROUP BY s.scope, c.cell_r9
