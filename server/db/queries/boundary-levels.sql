-- boundary-levels: the levels present and how many units each; coarser levels (fewer units) first.
SELECT level, count(*)::int AS count FROM boundary GROUP BY level ORDER BY count(*), level
