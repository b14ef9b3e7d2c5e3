-- complaint-lock: the lifecycle state of the complaints a batch of changes touches, locked until
-- the transaction ends so that two feeds changing one complaint take turns. In id order, so that
-- two batches lock in the same order.
SELECT event_id::text AS id, received_at, status, status_at, assigned_unit, sla_hours, due_at,
       clock_stopped_at, first_resolved_at, resolved_on_time
FROM complaint
WHERE event_id = ANY ($1::bigint[])
ORDER BY event_id
FOR UPDATE
