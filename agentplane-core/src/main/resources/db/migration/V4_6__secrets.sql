-- Org secrets for workflow expressions (secrets.<name>), encrypted with the server's secrets key (see SecretBox);
-- only their names and times are ever returned.
CREATE TABLE secrets (
    org_id     ${key} NOT NULL REFERENCES orgs (id),
    name       ${key} NOT NULL,
    sealed     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, name)
);
