-- search-page: one page of the events whose folded text holds every word (CON-8), newest first;
-- ids only, event-items.sql reads the rows. $1 the longest word's pattern (the trigram index,
-- migration 008, is asked for it), $2 every word's pattern, $3 the scope's unit (null: the
-- city), $4 the newest id when the first page was asked, $5/$6 the previous page's last item
-- (null: the first page), $7 the page size plus one.
SELECT e.id::text AS id
FROM event AS e
WHERE e.text_folded LIKE $1::text
  AND e.text_folded LIKE ALL ($2::text[])
  AND ($3::text IS NULL OR e.units @> ARRAY[$3::text])
  AND e.id <= $4::bigint
  AND ($5::timestamptz IS NULL OR (e.occurred_at, e.id) < ($5::timestamptz, $6::bigint))
ORDER BY e.occurred_at DESC, e.id DESC
LIMIT $7
