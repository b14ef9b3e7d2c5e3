-- complaint-save: the state after a batch of changes, one row per complaint touched, and the
-- changes themselves into the history. One statement, so one transaction with the lock.
WITH state AS (
  SELECT *
  FROM unnest(
    $1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::timestamptz[], $6::timestamptz[],
    $7::timestamptz[], $8::boolean[]
  ) AS s (event_id, status, status_at, assigned_unit, due_at, clock_stopped_at, first_resolved_at, resolved_on_time)
),
saved AS (
  UPDATE complaint AS c
  SET status = state.status, status_at = state.status_at, assigned_unit = state.assigned_unit,
      due_at = state.due_at, clock_stopped_at = state.clock_stopped_at,
      first_resolved_at = state.first_resolved_at, resolved_on_time = state.resolved_on_time
  FROM state
  WHERE c.event_id = state.event_id
)
INSERT INTO complaint_status_change (event_id, status, at, recorded_at, actor, unit, note)
SELECT *
FROM unnest($9::bigint[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::text[], $14::text[], $15::text[])
ON CONFLICT ON CONSTRAINT complaint_status_change_once DO NOTHING
