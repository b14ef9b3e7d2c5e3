-- OpsWall schema v5: processing speed per unit (LIFE-6) reads complaints by when they were
-- received and needs only these columns: an index that holds them answers a period with an
-- index-only scan, never visiting the table (a week of a million-complaint year: 300 index pages
-- instead of ~12,000 table pages scattered by later status changes). It replaces the plain index
-- on received_at, which it serves as well.
CREATE INDEX complaint_received_covering_idx ON complaint (received_at)
  INCLUDE (category, units, status, due_at, clock_stopped_at, first_resolved_at, resolved_on_time, rating);
DROP INDEX complaint_received_idx;
