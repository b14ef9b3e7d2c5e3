-- OpsWall schema v8: the duty officer's console (CON-* in docs/SPEC.md).
-- Drill-down lists a place's events newest first, a page at a time (keyset on occurred_at, id):
-- one index per stored cell resolution answers a cell's page by walking it backwards, never
-- sorting the cell's whole history. A unit's page uses event_units_idx (003).
CREATE INDEX event_cell_r6_idx ON event (cell_r6, occurred_at DESC, id DESC) WHERE cell_r6 IS NOT NULL;
CREATE INDEX event_cell_r7_idx ON event (cell_r7, occurred_at DESC, id DESC) WHERE cell_r7 IS NOT NULL;
CREATE INDEX event_cell_r8_idx ON event (cell_r8, occurred_at DESC, id DESC) WHERE cell_r8 IS NOT NULL;
CREATE INDEX event_cell_r9_idx ON event (cell_r9, occurred_at DESC, id DESC) WHERE cell_r9 IS NOT NULL;

-- Search (CON-8): the text folded as core/text.ts asciiFold folds it — canonical decomposition,
-- combining marks dropped, đ → d, lower case, runs of white space as one space. Ingest writes it
-- with asciiFold itself (insert-events.sql $28), the function that folds the query: computed by
-- the database on every insert it cost ~35 µs a row (normalize and two regexp_replace), more
-- than the trigram index. Events stored before this migration are folded once here by the same
-- steps in SQL; a test holds the two equal (server/db/text-folding.pg.test.ts).
-- pg_trgm's GIN index serves `text_folded LIKE '%word%'` (PostgreSQL 15 contrib; PGlite loads it
-- as an extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER TABLE event ADD COLUMN text_folded text;
UPDATE event SET text_folded = btrim(regexp_replace(
    lower(translate(regexp_replace(normalize(text, NFD), '[\u0300-\u036f]', '', 'g'), 'đĐ', 'dD')),
    '\s+', ' ', 'g'))
WHERE text IS NOT NULL;
CREATE INDEX event_text_folded_trgm_idx ON event USING gin (text_folded gin_trgm_ops);
