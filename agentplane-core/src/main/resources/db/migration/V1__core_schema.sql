-- Shared by SQLite and PostgreSQL. Placeholders: ${json} (TEXT | JSONB), ${bool} (INTEGER | BOOLEAN),
-- ${key} (TEXT | TEXT COLLATE "C": ids and names sort byte-wise on both databases).
-- Ids are UUIDv7 text, times are epoch milliseconds, every tenant-owned row has org_id.

CREATE TABLE orgs (
    id         ${key} PRIMARY KEY,
    name       ${key} NOT NULL UNIQUE,
    status     TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE api_keys (
    id           ${key} PRIMARY KEY,
    org_id       ${key} NOT NULL REFERENCES orgs (id),
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    key_hash     TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL,
    agent_id     ${key},
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT,
    expires_at   BIGINT
);
CREATE INDEX api_keys_by_org ON api_keys (org_id, id);

CREATE TABLE agents (
    id           ${key} PRIMARY KEY,
    org_id       ${key} NOT NULL REFERENCES orgs (id),
    name         ${key} NOT NULL,
    framework    TEXT,
    description  TEXT,
    capabilities ${json} NOT NULL,
    config       ${json} NOT NULL,
    status       TEXT NOT NULL,
    last_seen    BIGINT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    UNIQUE (org_id, name)
);
CREATE INDEX agents_by_org ON agents (org_id, id);

CREATE TABLE state (
    org_id     ${key} NOT NULL REFERENCES orgs (id),
    namespace  ${key} NOT NULL,
    key        ${key} NOT NULL,
    value      TEXT NOT NULL,
    version    BIGINT NOT NULL,
    expires_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, namespace, key)
);
CREATE INDEX state_by_expiry ON state (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE workflows (
    id          ${key} PRIMARY KEY,
    org_id      ${key} NOT NULL REFERENCES orgs (id),
    name        ${key} NOT NULL,
    version     INTEGER NOT NULL,
    description TEXT,
    definition  ${json} NOT NULL,
    source      TEXT NOT NULL,
    active      ${bool} NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (org_id, name, version)
);

CREATE TABLE executions (
    id                  ${key} PRIMARY KEY,
    org_id              ${key} NOT NULL REFERENCES orgs (id),
    workflow_id         ${key} NOT NULL REFERENCES workflows (id),
    workflow_name       ${key} NOT NULL,
    workflow_version    INTEGER NOT NULL,
    agent_id            ${key},
    status              TEXT NOT NULL,
    input               ${json},
    output              ${json},
    error               TEXT,
    tokens_in           BIGINT NOT NULL DEFAULT 0,
    tokens_out          BIGINT NOT NULL DEFAULT 0,
    cost_usd            DOUBLE PRECISION NOT NULL DEFAULT 0,
    started_at          BIGINT NOT NULL,
    completed_at        BIGINT,
    parent_execution_id ${key},
    idempotency_key     TEXT
);
CREATE INDEX executions_by_org ON executions (org_id, id);
CREATE INDEX executions_by_workflow ON executions (org_id, workflow_name, id);
CREATE INDEX executions_by_status ON executions (org_id, status, id);

CREATE TABLE events (
    id           ${key} PRIMARY KEY,
    org_id       ${key} NOT NULL REFERENCES orgs (id),
    execution_id ${key},
    agent_id     ${key},
    type         TEXT NOT NULL,
    message      TEXT,
    data         ${json},
    tokens_in    BIGINT,
    tokens_out   BIGINT,
    cost_usd     DOUBLE PRECISION,
    created_at   BIGINT NOT NULL
);
CREATE INDEX events_by_execution ON events (org_id, execution_id, id);

CREATE TABLE handoffs (
    id               ${key} PRIMARY KEY,
    org_id           ${key} NOT NULL REFERENCES orgs (id),
    from_agent_id    ${key} NOT NULL,
    to_agent_id      ${key},
    to_capability    TEXT,
    status           TEXT NOT NULL,
    reason           TEXT,
    context          ${json} NOT NULL,
    result           ${json},
    rejection_reason TEXT,
    execution_id     ${key},
    accepted_by      ${key},
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    accepted_at      BIGINT,
    completed_at     BIGINT
);
CREATE INDEX handoffs_by_org ON handoffs (org_id, id);

CREATE TABLE escalations (
    id             ${key} PRIMARY KEY,
    org_id         ${key} NOT NULL REFERENCES orgs (id),
    reason         TEXT NOT NULL,
    context        ${json} NOT NULL,
    priority       TEXT NOT NULL,
    status         TEXT NOT NULL,
    assigned_to    TEXT,
    execution_id   ${key},
    agent_id       ${key},
    resolution     ${json},
    resolved_by    TEXT,
    dismiss_reason TEXT,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    resolved_at    BIGINT
);
CREATE INDEX escalations_by_org ON escalations (org_id, id);

CREATE TABLE audit_log (
    id             ${key} PRIMARY KEY,
    org_id         ${key} NOT NULL REFERENCES orgs (id),
    actor_key_id   ${key},
    actor_agent_id ${key},
    action         TEXT NOT NULL,
    resource_type  TEXT NOT NULL,
    resource_id    TEXT,
    details        ${json} NOT NULL,
    request_id     TEXT,
    created_at     BIGINT NOT NULL
);
CREATE INDEX audit_by_org ON audit_log (org_id, id);
