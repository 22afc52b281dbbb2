-- pgbench: what GET /v1/state/{namespace}/{key} runs (StateRepository.find), on an auto-commit connection.
-- Variables from run.sh (-D): keys, org_id, ns, now. With -M prepared every :var is a bind parameter,
-- as it is for the server's JDBC prepared statements.
\set k random(0, :keys - 1)
SELECT namespace, key, value, version, expires_at, created_at, updated_at FROM state
 WHERE org_id = :org_id AND namespace = :ns AND key = :k AND (expires_at IS NULL OR expires_at > :now);
