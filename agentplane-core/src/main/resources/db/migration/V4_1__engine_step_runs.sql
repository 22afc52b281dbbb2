-- The engine's unit of work: one row per step invocation (a step inside a foreach runs once per item, in its own
-- scope). Workers claim due pending rows with a lease; every change bumps version, so a worker whose lease was
-- taken over cannot complete the step a second time.
CREATE TABLE step_runs (
    id               ${key} PRIMARY KEY,
    org_id           ${key} NOT NULL REFERENCES orgs (id),
    execution_id     ${key} NOT NULL REFERENCES executions (id),
    step_id          ${key} NOT NULL,
    scope            ${key} NOT NULL,
    parent_run_id    ${key},
    block            TEXT,
    position         INTEGER NOT NULL,
    attempt          INTEGER NOT NULL,
    status           TEXT NOT NULL,
    input            ${json},
    output           ${json},
    error            TEXT,
    error_code       TEXT,
    state            ${json},
    available_at     BIGINT NOT NULL,
    lease_owner      TEXT,
    lease_expires_at BIGINT,
    version          BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    started_at       BIGINT,
    completed_at     BIGINT
);
CREATE INDEX step_runs_due ON step_runs (status, available_at);
CREATE INDEX step_runs_by_execution ON step_runs (execution_id, id);
CREATE INDEX step_runs_by_parent ON step_runs (parent_run_id, status);

-- Executions run by the engine: sub-workflows point at the step that waits for them; the same Idempotency-Key
-- returns the same execution.
ALTER TABLE executions ADD COLUMN parent_step_run_id ${key};
ALTER TABLE executions ADD COLUMN deadline_at BIGINT;
CREATE UNIQUE INDEX executions_by_idempotency_key ON executions (org_id, idempotency_key);
