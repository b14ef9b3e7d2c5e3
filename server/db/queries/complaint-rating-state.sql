-- complaint-rating-state: why a rating was not taken.
SELECT status, rated_at FROM complaint WHERE event_id = $1
