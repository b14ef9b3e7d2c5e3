-- unit-place: a stored unit's name and level, for the console's place (CON-1); no row: not stored.
SELECT code, name, level FROM boundary WHERE code = $1
