-- event-id-by-source: the id an idempotent retry was already stored under.
SELECT id::text AS id FROM event WHERE source = $1 AND source_id = $2
