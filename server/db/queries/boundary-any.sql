-- boundary-any: whether any unit is stored (the demo seed only fills an empty table).
SELECT EXISTS (SELECT 1 FROM boundary) AS present
