-- boundary-levels: the levels present, each with its unit count, its depth (how many ancestors its
-- units have, most often) and its parent level (the level its units' parents have, most often;
-- null at the top). Top level first, then coarser levels (fewer units) first.
SELECT
  unit.level,
  count(*)::int AS count,
  (mode() WITHIN GROUP (ORDER BY cardinality(unit.chain)) - 1)::int AS depth,
  mode() WITHIN GROUP (ORDER BY parent.level) AS parent
FROM boundary AS unit
LEFT JOIN boundary AS parent ON parent.code = unit.parent_code
GROUP BY unit.level
ORDER BY 3, 2, 1
