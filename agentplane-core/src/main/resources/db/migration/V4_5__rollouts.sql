-- A split of new executions between versions of a workflow (see Rollout). V4_3 and V4_4 are schedules and the
-- event sequence.
CREATE TABLE rollouts (
    org_id        ${key} NOT NULL REFERENCES orgs (id),
    workflow_name ${key} NOT NULL,
    versions      ${json} NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (org_id, workflow_name)
);
