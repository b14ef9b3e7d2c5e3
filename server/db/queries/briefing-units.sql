-- briefing-units (BRF-3): the units one level below the scope — $1 'city': the units without a
-- parent (the top level); a unit code: its children — by code. Levels are data: none is named.
SELECT code, name, level
FROM boundary
WHERE ($1::text = 'city' AND parent_code IS NULL) OR parent_code = $1::text
ORDER BY code
