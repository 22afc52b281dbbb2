-- Steps that wait for something outside the engine: an escalation (approval), a handoff, a task an external
-- agent claims, or a sub-workflow's execution. Each links back to the step run it wakes when it ends; one per run
-- (tasks: one per attempt), so a step run retried after a crash finds the one it already opened.
ALTER TABLE escalations ADD COLUMN step_run_id ${key};
CREATE UNIQUE INDEX escalations_by_step_run ON escalations (step_run_id);
ALTER TABLE handoffs ADD COLUMN step_run_id ${key};
CREATE UNIQUE INDEX handoffs_by_step_run ON handoffs (step_run_id);
CREATE UNIQUE INDEX executions_by_parent_step_run ON executions (parent_step_run_id);

CREATE TABLE tasks (
    id               ${key} PRIMARY KEY,
    org_id           ${key} NOT NULL REFERENCES orgs (id),
    execution_id     ${key} NOT NULL REFERENCES executions (id),
    step_run_id      ${key} NOT NULL,
    step_id          ${key} NOT NULL,
    attempt          INTEGER NOT NULL,
    capability       ${key} NOT NULL,
    input            ${json},
    status           TEXT NOT NULL,
    claimed_by       ${key},
    claims           INTEGER NOT NULL,
    lease_expires_at BIGINT,
    output           ${json},
    error            TEXT,
    retryable        ${bool},
    version          BIGINT NOT NULL,
    created_at       BIGINT NOT NULL,
    claimed_at       BIGINT,
    completed_at     BIGINT
);
CREATE UNIQUE INDEX tasks_by_step_run ON tasks (step_run_id, attempt);
CREATE INDEX tasks_open ON tasks (org_id, status, capability, id);
CREATE INDEX tasks_by_org ON tasks (org_id, id);
CREATE INDEX tasks_by_execution ON tasks (execution_id);
