-- Usage metering: one row per org per UTC day (YYYY-MM-DD), incremented in the transaction that does the work
-- (API calls are buffered in memory and added about once a second).
CREATE TABLE usage_daily (
    org_id             ${key} NOT NULL REFERENCES orgs (id),
    day                ${key} NOT NULL,
    api_calls          BIGINT NOT NULL DEFAULT 0,
    executions_started BIGINT NOT NULL DEFAULT 0,
    steps_run          BIGINT NOT NULL DEFAULT 0,
    tokens_in          BIGINT NOT NULL DEFAULT 0,
    tokens_out         BIGINT NOT NULL DEFAULT 0,
    cost_usd           DOUBLE PRECISION NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, day)
);

-- Monthly limits and rate-limit overrides of an org, in two layers: 'org' (set by the org's admins) and 'quota'
-- (set by the instance admin). The lower value of the two applies.
CREATE TABLE org_limits (
    org_id             ${key} NOT NULL REFERENCES orgs (id),
    layer              TEXT NOT NULL,
    monthly_executions BIGINT,
    monthly_tokens     BIGINT,
    monthly_cost_usd   DOUBLE PRECISION,
    rate_limits        ${json},
    updated_at         BIGINT NOT NULL,
    PRIMARY KEY (org_id, layer)
);
