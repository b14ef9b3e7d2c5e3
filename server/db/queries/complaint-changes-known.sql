-- complaint-changes-known: which of these (complaint, status, at) changes are already kept: sent
-- again, they change nothing (LIFE-2).
SELECT k.event_id::text AS id, k.status, k.at
FROM unnest($1::bigint[], $2::text[], $3::timestamptz[]) AS k (event_id, status, at)
JOIN complaint_status_change AS h USING (event_id, status, at)
