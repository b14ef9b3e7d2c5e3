-- event-items: the console's rows of events $1 (CON-4), in no order: the caller keeps the page's.
-- Never contact or address; the text is masked by the caller.
SELECT
  e.id::text AS id, e.kind, e.occurred_at, e.received_at, e.category, e.category_confidence, e.sentiment,
  e.source, e.source_id, e.text, e.precision, e.units, e.cell_r9,
  c.status, c.due_at, c.clock_stopped_at, c.resolved_on_time
FROM event AS e
LEFT JOIN complaint AS c ON c.event_id = e.id
WHERE e.id = ANY ($1::bigint[])
