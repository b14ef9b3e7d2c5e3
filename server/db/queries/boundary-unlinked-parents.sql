-- boundary-unlinked-parents: units among $1 whose parent code names no unit (yet).
SELECT unit.code, unit.parent_code
FROM boundary AS unit
WHERE unit.code = ANY($1::text[])
  AND unit.parent_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM boundary AS parent WHERE parent.code = unit.parent_code)
ORDER BY unit.code
