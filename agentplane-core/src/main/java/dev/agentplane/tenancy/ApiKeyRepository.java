package dev.agentplane.tenancy;

import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The SQL of api_keys. */
final class ApiKeyRepository {

    record StoredKey(ApiKey key, String hash, Long revokedAt, Long expiresAt) {}

    void insert(Sql tx, ApiKey key, String hash) {
        tx.update("""
                INSERT INTO api_keys (id, org_id, name, prefix, key_hash, role, agent_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                key.id(), key.orgId(), key.name(), key.prefix(), hash, key.role(), key.agentId(),
                key.createdAt().toEpochMilli());
    }

    Optional<StoredKey> findByHash(Sql sql, String hash) {
        return sql.one("SELECT * FROM api_keys WHERE key_hash = ?",
                row -> new StoredKey(map(row), row.string("key_hash"), row.nullableLong("revoked_at"),
                        row.nullableLong("expires_at")),
                hash);
    }

    void touch(Sql sql, String keyId, long now) {
        sql.update("UPDATE api_keys SET last_used_at = ? WHERE id = ?", now, keyId);
    }

    Page<ApiKey> list(Sql sql, String orgId, PageRequest page) {
        List<ApiKey> rows = page.after() == null
                ? sql.list("SELECT * FROM api_keys WHERE org_id = ? ORDER BY id DESC LIMIT ?",
                        ApiKeyRepository::map, orgId, page.fetchSize())
                : sql.list("SELECT * FROM api_keys WHERE org_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                        ApiKeyRepository::map, orgId, page.after(), page.fetchSize());
        return Page.of(rows, page.limit(), ApiKey::id);
    }

    private static ApiKey map(Row row) throws SQLException {
        return new ApiKey(row.string("id"), row.string("org_id"), row.string("prefix"), row.string("name"),
                row.string("role"), row.string("agent_id"), row.instant("created_at"), row.instant("last_used_at"));
    }
}
