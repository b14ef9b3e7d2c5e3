-- boundary-level-conflicts: codes being imported that already exist at another level
-- (a code names one unit; a district and a ward sharing one would break every join on code).
SELECT code, level FROM boundary WHERE code = ANY($1::text[]) AND level <> $2 ORDER BY code
