-- Streams of events (issue 4, item 8). Ids are time-ordered but not commit-ordered across transactions or nodes,
-- so readers cannot resume on "id > last seen" without losing events. Two numbers replace it:
-- * seq: 1, 2, 3... per execution, without gaps, taken from executions.event_seq in the transaction that writes
--   the event (the counter's row lock orders the writers of one execution, so seq order is commit order);
-- * position: one order over all events, assigned after commit by the event sequencer in commit order (it only
--   ever sees committed events, and one sequencer runs at a time), for org-wide streams that resume on a cursor.
ALTER TABLE executions ADD COLUMN event_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN seq BIGINT;
ALTER TABLE events ADD COLUMN position BIGINT;

-- Existing events are numbered in id order, per execution and overall.
UPDATE events SET seq = numbered.seq, position = numbered.position
FROM (SELECT id,
             CASE WHEN execution_id IS NULL THEN NULL
                  ELSE ROW_NUMBER() OVER (PARTITION BY execution_id ORDER BY id) END AS seq,
             ROW_NUMBER() OVER (ORDER BY id) AS position
      FROM events) numbered
WHERE events.id = numbered.id;

CREATE UNIQUE INDEX events_by_execution_seq ON events (execution_id, seq);
CREATE UNIQUE INDEX events_by_position ON events (position);
CREATE INDEX events_by_org_position ON events (org_id, position);
-- The sequencer's work list: committed events still without a position.
CREATE INDEX events_without_position ON events (id) WHERE position IS NULL;

UPDATE executions SET event_seq = COALESCE((SELECT MAX(seq) FROM events WHERE events.execution_id = executions.id), 0);

-- The last position handed out; its row is also the lock that lets one sequencer run at a time.
CREATE TABLE event_stream_head (
    id            INTEGER PRIMARY KEY,
    last_position BIGINT NOT NULL
);
INSERT INTO event_stream_head (id, last_position) SELECT 1, COALESCE(MAX(position), 0) FROM events;
