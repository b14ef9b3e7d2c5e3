-- briefing-volumes (BRF-4): complaints and mentions per unit of $3 occurring in [$1, $2), from
-- rollup_minute (never raw events): one range scan of the minutes, each roll-up row counted under
-- every listed unit its `units` holds.
SELECT place.code,
  coalesce(sum(r.count) FILTER (WHERE r.kind = 'complaint'), 0)::int AS complaints,
  coalesce(sum(r.count) FILTER (WHERE r.kind = 'mention'), 0)::int AS mentions
FROM rollup_minute AS r
CROSS JOIN LATERAL unnest(r.units) AS place (code)
WHERE r.minute >= $1::timestamptz AND r.minute < $2::timestamptz
  AND place.code = ANY ($3::text[])
GROUP BY place.code
