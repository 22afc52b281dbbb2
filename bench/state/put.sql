-- pgbench: what PUT /v1/state/{namespace}/{key} runs (StateService.put without preconditions): in one
-- transaction, StateRepository.upsert and the audit row (AuditLog.record). Variables from run.sh (-D):
-- keys, org_id, key_id, ns, now, value (a 1 KiB JSON text), value_bytes, request_id.
-- The audit id is time-ordered like the server's UUIDv7 (a millisecond prefix, then random hex), so the
-- audit_log primary key grows at its right edge in both cases.
\set k random(0, :keys - 1)
BEGIN;
INSERT INTO state (org_id, namespace, key, value, version, expires_at, created_at, updated_at)
VALUES (:org_id, :ns, :k, :value, 1, NULL, :now, :now)
ON CONFLICT (org_id, namespace, key) DO UPDATE SET
    value = excluded.value,
    version = CASE WHEN state.expires_at <= :now THEN 1 ELSE state.version + 1 END,
    created_at = CASE WHEN state.expires_at <= :now THEN excluded.created_at ELSE state.created_at END,
    expires_at = excluded.expires_at,
    updated_at = excluded.updated_at
RETURNING version, created_at \gset
INSERT INTO audit_log (id, org_id, actor_key_id, actor_agent_id, action, resource_type, resource_id,
                       details, request_id, created_at)
SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || substr(gen_random_uuid()::text, 14), :org_id, :key_id, NULL,
       'state.update', 'state', :ns::text || '/' || :k::text,
       jsonb_build_object('namespace', :ns::text, 'key', :k::text, 'version', :version::bigint, 'size_bytes', :value_bytes::int),
       :request_id, :now
  FROM (SELECT lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') AS h) AS t;
COMMIT;
