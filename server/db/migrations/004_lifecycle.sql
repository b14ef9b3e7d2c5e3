-- OpsWall schema v4: the complaint lifecycle (LIFE-1…LIFE-6 in docs/SPEC.md).
-- `complaint` owns a complaint's current state and SLA clock, one narrow row per complaint event,
-- so that performance figures scan it alone; `complaint_status_change` keeps every change.
-- event.status goes: the lifecycle has one owner.

CREATE TABLE complaint (
  event_id          bigint PRIMARY KEY REFERENCES event (id) ON DELETE CASCADE,
  -- When the citizen filed it (event.occurred_at): every clock starts here.
  received_at       timestamptz NOT NULL,
  category          text,
  units             text[] NOT NULL DEFAULT '{}',
  cell_r9           text,
  status            text NOT NULL CHECK (status IN ('received', 'assigned', 'in_progress', 'resolved', 'closed', 'reopened', 'rejected')),
  -- When the current status took effect: no later change may be dated before it.
  status_at         timestamptz NOT NULL,
  assigned_unit     text,
  -- The hours granted when it was received (core/sla.ts), kept so a later policy change does
  -- not rewrite the past.
  sla_hours         real NOT NULL,
  -- The deadline while the clock runs; a reopening pushes it on by the time the clock stood still.
  due_at            timestamptz NOT NULL,
  -- Set while resolved, closed or rejected: the clock stands still.
  clock_stopped_at  timestamptz,
  -- The first resolved or closed: time to resolve ends here, and on time is judged here.
  first_resolved_at timestamptz,
  resolved_on_time  boolean,
  rating            smallint CHECK (rating BETWEEN 1 AND 5),
  rating_comment    text,
  rated_at          timestamptz
);
CREATE INDEX complaint_received_idx ON complaint (received_at);
CREATE INDEX complaint_units_idx ON complaint USING gin (units);
CREATE INDEX complaint_running_due_idx ON complaint (due_at) WHERE clock_stopped_at IS NULL;
CREATE INDEX complaint_first_resolved_idx ON complaint (first_resolved_at) WHERE first_resolved_at IS NOT NULL;

-- Every change, as it took effect (`at`) and as it was recorded. (event_id, status, at) makes a
-- replayed feed exactly once.
CREATE TABLE complaint_status_change (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id    bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
  status      text NOT NULL,
  at          timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  -- Who made it: the producer's source until people log in (roles land later).
  actor       text NOT NULL,
  unit        text,
  note        text,
  CONSTRAINT complaint_status_change_once UNIQUE (event_id, status, at)
);

-- Complaints stored so far: received when they occurred; a status given at ingest took effect then.
INSERT INTO complaint (event_id, received_at, category, units, cell_r9, status, status_at, sla_hours, due_at,
                       clock_stopped_at, first_resolved_at, resolved_on_time)
SELECT
  e.id, e.occurred_at, e.category, e.units, e.cell_r9,
  CASE coalesce(e.status, 'open') WHEN 'open' THEN 'received' ELSE e.status END,
  e.occurred_at,
  72, e.occurred_at + interval '72 hours',
  CASE WHEN e.status = 'closed' THEN e.occurred_at END,
  CASE WHEN e.status = 'closed' THEN e.occurred_at END,
  CASE WHEN e.status = 'closed' THEN true END
FROM event AS e
WHERE e.kind = 'complaint';

INSERT INTO complaint_status_change (event_id, status, at, recorded_at, actor)
SELECT e.id, 'received', e.occurred_at, e.received_at, e.source FROM event AS e WHERE e.kind = 'complaint';



ALTER TABLE event DROP COLUMN status;
