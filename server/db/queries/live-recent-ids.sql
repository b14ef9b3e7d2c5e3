-- Ids of the newest events (at most $1 of them, by the primary key): batches that committed while
-- the windows were being rebuilt are already in the roll-ups and must not be counted twice.
SELECT id::text AS id
FROM event
WHERE id > (SELECT coalesce(max(id), 0) FROM event) - $1
