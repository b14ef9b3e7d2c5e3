-- unknown-units: which of the given boundary codes do not exist.
SELECT code FROM unnest($1::text[]) AS given (code)
WHERE NOT EXISTS (SELECT 1 FROM boundary WHERE boundary.code = given.code)
