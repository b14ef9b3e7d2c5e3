-- live-scope-known: whether a subscription's scope names a stored boundary (any level).
SELECT EXISTS (SELECT 1 FROM boundary WHERE code = $1) AS known
