-- Schedules start executions of a workflow on a cron expression in a time zone. next_fire_at is the next fire time
-- (NULL while paused); a node fires a due schedule by locking its row, inserting its schedule_fires row keyed by
-- (schedule_id, fire_at), starting the execution and advancing next_fire_at, in one transaction.
CREATE TABLE schedules (
    id                ${key} PRIMARY KEY,
    org_id            ${key} NOT NULL REFERENCES orgs (id),
    name              ${key} NOT NULL,
    workflow          ${key} NOT NULL,
    workflow_version  INTEGER,
    cron              TEXT NOT NULL,
    timezone          TEXT NOT NULL,
    input             ${json},
    misfire           TEXT NOT NULL,
    paused            ${bool} NOT NULL,
    managed_by        TEXT NOT NULL,
    next_fire_at      BIGINT,
    last_fire_at      BIGINT,
    last_execution_id ${key},
    last_error        TEXT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    UNIQUE (org_id, name)
);
CREATE INDEX schedules_by_org ON schedules (org_id, id);
CREATE INDEX schedules_due ON schedules (next_fire_at) WHERE next_fire_at IS NOT NULL;

-- One row per fire time of a schedule: the execution it started, or why none started.
CREATE TABLE schedule_fires (
    id           ${key} PRIMARY KEY,
    org_id       ${key} NOT NULL REFERENCES orgs (id),
    schedule_id  ${key} NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    fire_at      BIGINT NOT NULL,
    fired_at     BIGINT NOT NULL,
    status       TEXT NOT NULL,
    execution_id ${key},
    reason       TEXT,
    error        TEXT,
    UNIQUE (schedule_id, fire_at)
);
CREATE INDEX schedule_fires_by_schedule ON schedule_fires (schedule_id, id);
