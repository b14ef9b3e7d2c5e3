-- open311-requests: complaints in GeoReport v2 terms, filtered and paged. No personal data
-- (contact) is selected. A NULL filter means "any".
SELECT
  event.id::text AS service_request_id,
  complaint.status,
  event.category AS service_code,
  event.text AS description,
  event.address,
  event.occurred_at AS requested_datetime,
  event.updated_at AS updated_datetime,
  ST_Y(event.geom) AS lat,
  ST_X(event.geom) AS long,
  event.attributes ->> 'media_url' AS media_url,
  event.units
FROM event
JOIN complaint ON complaint.event_id = event.id
WHERE event.kind = 'complaint'
  AND ($1::bigint[] IS NULL OR event.id = ANY ($1::bigint[]))
  AND ($2::text[] IS NULL OR event.category = ANY ($2::text[]))
  AND ($3::timestamptz IS NULL OR event.occurred_at >= $3::timestamptz)
  AND ($4::timestamptz IS NULL OR event.occurred_at < $4::timestamptz)
  AND ($5::text[] IS NULL OR complaint.status = ANY ($5::text[]))
ORDER BY event.occurred_at DESC, event.id DESC
LIMIT $6 OFFSET $7
