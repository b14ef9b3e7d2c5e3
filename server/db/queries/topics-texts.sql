-- topics-texts (NLP-5): the newest events (at most $4 each) of the issues ranked first, to name
-- them. $3 is a JSON array of {"issue": n, "category": "…", "units": […]}: each issue's keys, the
-- category and units arrays of its roll-up rows ('' = none, as in rollup_minute), so the events
-- read are the very events its counts came from, in [$1, $2). Per key, event_topic_idx (migration 007)
-- finds the key's events of the period and nothing else: never the whole period's events. No
-- contact data: the caller masks the texts it shows.
WITH key AS (
  SELECT k.issue, k.category, ARRAY(SELECT u.code FROM jsonb_array_elements_text(k.units) WITH ORDINALITY AS u (code, position) ORDER BY u.position) AS units
  FROM jsonb_to_recordset($3::jsonb) AS k (issue int, category text, units jsonb)
),
newest AS (
  SELECT key.issue, e.id, e.cell_r8, e.text, e.occurred_at
  FROM key
  CROSS JOIN LATERAL (
    SELECT event.id, event.cell_r8, event.text, event.occurred_at
    FROM event
    WHERE COALESCE(event.category, '') = key.category AND event.units = key.units
      AND event.occurred_at >= $1::timestamptz AND event.occurred_at < $2::timestamptz
    ORDER BY event.occurred_at DESC, event.id DESC
    LIMIT $4
  ) AS e
),
ranked AS (
  SELECT newest.*, row_number() OVER (PARTITION BY issue ORDER BY occurred_at DESC, id DESC) AS n FROM newest
)
SELECT issue, cell_r8, text
FROM ranked
WHERE n <= $4
ORDER BY issue, occurred_at DESC, id DESC
