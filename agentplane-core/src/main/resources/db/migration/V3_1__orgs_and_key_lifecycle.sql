-- Organizations managed by the instance admin, and the API key lifecycle (expiry, per-key rate limit).
-- The instance admin org is the one the first start created (its audit row says org.bootstrap).

ALTER TABLE orgs ADD COLUMN instance_admin ${bool} NOT NULL DEFAULT FALSE;
ALTER TABLE orgs ADD COLUMN disabled_at BIGINT;
UPDATE orgs SET instance_admin = TRUE
    WHERE id IN (SELECT org_id FROM audit_log WHERE action = 'org.bootstrap');

ALTER TABLE api_keys ADD COLUMN rate_limit_per_minute INTEGER;
