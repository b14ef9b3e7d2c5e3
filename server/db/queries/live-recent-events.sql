-- Newest events by occurrence for the ticker after a restart. No contact data; the text is masked
-- by the caller before it is kept.
SELECT id::text AS id, kind, occurred_at, cell_r9, category, units, text
FROM event
WHERE occurred_at > $1::timestamptz AND occurred_at <= $2::timestamptz
ORDER BY occurred_at DESC, id DESC
LIMIT $3
