-- topics-events (NLP-5): the newest events of a scope ($3: a unit code, or NULL for the city)
-- occurring in [$1, $2], at most $4, for grouping into issues. No contact data; the caller masks
-- the texts it shows. Epoch milliseconds as float8: both drivers (pg, PGlite) return JS numbers.
SELECT kind, category, units, cell_r8, text, (extract(epoch FROM occurred_at) * 1000)::float8 AS occurred_ms
FROM event
WHERE occurred_at >= $1::timestamptz AND occurred_at <= $2::timestamptz
  AND ($3::text IS NULL OR units @> ARRAY[$3::text])
ORDER BY occurred_at DESC, id DESC
LIMIT $4
