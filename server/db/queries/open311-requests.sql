-- open311-requests: complaints in GeoReport v2 terms, filtered and paged, with their lifecycle
-- (OPEN311-5): the latest status change gives status_notes and updated_datetime, the assigned
-- unit the agency (until assigned, the top unit it lies in, by name). No personal data (contact) is selected. A NULL filter means "any".
SELECT
  event.id::text AS service_request_id,
  complaint.status,
  latest.note AS status_notes,
  event.category AS service_code,
  event.text AS description,
  event.address,
  event.occurred_at AS requested_datetime,
  coalesce(latest.at, event.updated_at) AS updated_datetime,
  complaint.due_at AS expected_datetime,
  coalesce(assigned.name, complaint.assigned_unit, top_unit.name, event.units[1]) AS assigned_agency,
  ST_Y(event.geom) AS lat,
  ST_X(event.geom) AS long,
  event.attributes ->> 'media_url' AS media_url
FROM event
JOIN complaint ON complaint.event_id = event.id
LEFT JOIN boundary AS assigned ON assigned.code = complaint.assigned_unit
LEFT JOIN boundary AS top_unit ON top_unit.code = event.units[1]
LEFT JOIN LATERAL (
  SELECT change.note, change.at
  FROM complaint_status_change AS change
  WHERE change.event_id = event.id
  ORDER BY change.at DESC, change.id DESC
  LIMIT 1
) AS latest ON true
WHERE event.kind = 'complaint'
  AND ($1::bigint[] IS NULL OR event.id = ANY ($1::bigint[]))
  AND ($2::text[] IS NULL OR event.category = ANY ($2::text[]))
  AND ($3::timestamptz IS NULL OR event.occurred_at >= $3::timestamptz)
  AND ($4::timestamptz IS NULL OR event.occurred_at < $4::timestamptz)
  AND ($5::text[] IS NULL OR complaint.status = ANY ($5::text[]))
ORDER BY event.occurred_at DESC, event.id DESC
LIMIT $6 OFFSET $7
