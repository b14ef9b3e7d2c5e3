-- search-exact: the events a search names exactly (CON-8): the event id $1 (null: q is no id) or a
-- producer's source_id $2, in scope $3 (null: the city). Newest first.
SELECT e.id::text AS id
FROM event AS e
WHERE (e.id = $1::bigint OR e.source_id = $2::text)
  AND ($3::text IS NULL OR e.units @> ARRAY[$3::text])
ORDER BY e.occurred_at DESC, e.id DESC
LIMIT 200
