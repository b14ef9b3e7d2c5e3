-- complaint-ids-by-source: the complaints one producer filed, by its own ids.
SELECT e.id::text AS id, e.source_id
FROM event AS e
JOIN complaint AS c ON c.event_id = e.id
WHERE e.source = $1 AND e.source_id = ANY ($2::text[])
