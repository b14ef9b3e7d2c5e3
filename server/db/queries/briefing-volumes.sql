-- briefing-volumes (BRF-4): complaints and mentions per unit of $3 occurring in [$1, $2), from
-- the roll-ups (never raw events: rollup_units_between, migration 009 — hours, and the minutes at
-- either end), each roll-up row counted under every listed unit its `units` holds.
SELECT place.code,
  coalesce(sum(r.count) FILTER (WHERE r.kind = 'complaint'), 0)::int AS complaints,
  coalesce(sum(r.count) FILTER (WHERE r.kind = 'mention'), 0)::int AS mentions
FROM rollup_units_between($1::timestamptz, $2::timestamptz) AS r
CROSS JOIN LATERAL unnest(r.units) AS place (code)
WHERE place.code = ANY ($3::text[])
GROUP BY place.code
