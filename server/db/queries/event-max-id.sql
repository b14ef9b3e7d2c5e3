-- event-max-id: the newest event id stored, pinned by a first page (CON-3).
SELECT coalesce(max(id), 0)::text AS max_id FROM event
