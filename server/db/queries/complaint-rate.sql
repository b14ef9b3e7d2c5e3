-- complaint-rate: a citizen's rating, once, of a resolved or closed complaint (LIFE-4). No row
-- back: unknown, not resolved yet, or already rated — complaint-rating-state says which.
UPDATE complaint
SET rating = $2, rating_comment = $3, rated_at = $4
WHERE event_id = $1 AND rating IS NULL AND status IN ('resolved', 'closed')
RETURNING event_id::text AS id
