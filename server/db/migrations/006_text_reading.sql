-- OpsWall schema v6: what ingest read in an event's text (NLP-7). The category column keeps one
-- meaning — the event's category — whoever chose it: `category_confidence` is the classifier's
-- probability when it chose, NULL when the producer sent the category. Sentiment is read from
-- every text. `place_confidence` is the recogniser's when the event's unit was read from its text
-- (no point, no unit sent); `precision` then says the unit's level, as for a unit sent.
-- Events stored before v6 have none of these: they were not read. v1's numeric `sentiment` was
-- never written; the label replaces it.
ALTER TABLE event
  DROP COLUMN sentiment,
  ADD COLUMN category_confidence real CHECK (category_confidence BETWEEN 0 AND 1),
  ADD COLUMN sentiment text CHECK (sentiment IN ('negative', 'neutral', 'positive')),
  ADD COLUMN sentiment_confidence real CHECK (sentiment_confidence BETWEEN 0 AND 1),
  ADD COLUMN place_confidence real CHECK (place_confidence BETWEEN 0 AND 1);
