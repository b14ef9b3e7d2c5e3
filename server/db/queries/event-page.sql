-- event-page: one page of a place's events, newest first (CON-2, CON-3); ids only, event-items.sql
-- reads the rows. The place is a cell at its own resolution ($1…$4: r6…r9, the others null) or a
-- unit ($5). Events occurred in ($6, $7]; $8 kinds; $9 categories, $10 complaint statuses, $11
-- sources, $12 sentiments (each null: any); $13 the newest id when the first page was asked
-- (events stored later never shift a page); $14, $15 the last item of the previous page (null:
-- the first page); $16 the page size plus one, to know whether there is a next page.
-- The nulls fold away when the statement is planned with its values: a cell's page walks
-- event_cell_rN_idx (008) backwards in order, a unit's reads event_units_idx.
SELECT e.id::text AS id
FROM event AS e
LEFT JOIN complaint AS c ON c.event_id = e.id
WHERE ($1::text IS NULL OR e.cell_r6 = $1::text)
  AND ($2::text IS NULL OR e.cell_r7 = $2::text)
  AND ($3::text IS NULL OR e.cell_r8 = $3::text)
  AND ($4::text IS NULL OR e.cell_r9 = $4::text)
  AND ($5::text IS NULL OR e.units @> ARRAY[$5::text])
  AND e.occurred_at > $6::timestamptz AND e.occurred_at <= $7::timestamptz
  AND e.kind = ANY ($8::text[])
  AND ($9::text[] IS NULL OR e.category = ANY ($9::text[]))
  AND ($10::text[] IS NULL OR c.status = ANY ($10::text[]))
  AND ($11::text[] IS NULL OR e.source = ANY ($11::text[]))
  AND ($12::text[] IS NULL OR e.sentiment = ANY ($12::text[]))
  AND e.id <= $13::bigint
  AND ($14::timestamptz IS NULL OR (e.occurred_at, e.id) < ($14::timestamptz, $15::bigint))
ORDER BY e.occurred_at DESC, e.id DESC
LIMIT $16
