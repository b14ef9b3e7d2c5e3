-- Open complaints per scope: 'city' counts all; a unit code counts the complaints whose units hold
-- it (GIN index on event.units). A complaint without a status is open (ingest defaults it to 'open').
SELECT s.scope, count(e.id)::int AS open
FROM unnest($1::text[]) AS s(scope)
LEFT JOIN event e
  ON e.kind = 'complaint'
 AND coalesce(e.status, 'open') <> 'closed'
 AND (s.scope = 'city' OR e.units @> ARRAY[s.scope])
GROUP BY s.scope
