-- search-cells: where every match of a search lies (CON-8), as r8 cells for the map: the same
-- matches as search-page.sql over all pages ($1…$4 alike), the 500 fullest cells.
SELECT e.cell_r8 AS cell, count(*)::int AS count
FROM event AS e
WHERE e.text_folded LIKE $1::text
  AND e.text_folded LIKE ALL ($2::text[])
  AND ($3::text IS NULL OR e.units @> ARRAY[$3::text])
  AND e.id <= $4::bigint
  AND e.cell_r8 IS NOT NULL
GROUP BY e.cell_r8
ORDER BY count DESC, cell
LIMIT 500
