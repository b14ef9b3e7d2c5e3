-- Open complaints per scope: 'city' counts all; a unit code counts its district's or ward's.
-- A complaint without a status is open (ingest defaults it to 'open').
SELECT s.scope, count(e.id)::int AS open
FROM unnest($1::text[]) AS s(scope)
LEFT JOIN event e
  ON e.kind = 'complaint'
 AND coalesce(e.status, 'open') <> 'closed'
 AND (s.scope = 'city' OR e.district_code = s.scope OR e.ward_code = s.scope)
GROUP BY s.scope
