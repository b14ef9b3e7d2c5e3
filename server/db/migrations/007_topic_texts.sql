-- OpsWall schema v7: the texts naming a top issue (NLP-5, topics-texts.sql) are the newest events
-- of one category and one units array in a period. Without this index PostgreSQL reads every
-- event those units ever had (event_units_idx) and filters the period and category afterwards —
-- on a seeded day of 200,000 events, 10 issues took 7,500 events each off the heap (0.6 s); with
-- it, only the issue's events of the period (1,000 each, 27 ms). The category as rollup_minute
-- keys it ('' for none), so a key from the roll-ups finds its events.
CREATE INDEX event_topic_idx ON event ((COALESCE(category, '')), units, occurred_at, id);
