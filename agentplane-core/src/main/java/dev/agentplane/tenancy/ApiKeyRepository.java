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

    /** A key as authentication needs it: with its hash and its signing secret (null: requests are not signed). */
    record StoredKey(ApiKey key, String hash, String signingSecret) {}

    void insert(Sql tx, ApiKey key, String hash, String signingSecret) {
        tx.update("""
                INSERT INTO api_keys (id, org_id, name, prefix, key_hash, role, agent_id, rate_limit_per_minute,
                                      created_at, expires_at, signing_secret)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                key.id(), key.orgId(), key.name(), key.prefix(), hash, key.role(), key.agentId(),
                key.rateLimitPerMinute(), key.createdAt().toEpochMilli(),
                key.expiresAt() == null ? null : key.expiresAt().toEpochMilli(), signingSecret);
    }

    /**
     * The key whose hash is {@code hash}, in any org: this is how a presented key is recognised. The comparison
     * the database makes is between SHA-256 digests, so how long it takes tells a caller only how much of the
     * digest of a guess matched a stored digest, which says nothing about the secret (the digest cannot be
     * steered by choosing the input).
     */
    Optional<StoredKey> findByHash(Sql sql, String hash) {
        return sql.one("SELECT * FROM api_keys WHERE key_hash = ?",
                row -> new StoredKey(map(row), row.string("key_hash"), row.string("signing_secret")), hash);
    }

    Optional<ApiKey> find(Sql sql, String orgId, String id) {
        return sql.one("SELECT * FROM api_keys WHERE org_id = ? AND id = ?", ApiKeyRepository::map, orgId, id);
    }

    Optional<ApiKey> findForUpdate(Sql tx, String orgId, String id) {
        return tx.one("SELECT * FROM api_keys WHERE org_id = ? AND id = ?" + tx.dialect().forUpdate(),
                ApiKeyRepository::map, orgId, id);
    }

    void touch(Sql sql, String keyId, long now) {
        sql.update("UPDATE api_keys SET last_used_at = ? WHERE id = ?", now, keyId);
    }

    void revoke(Sql tx, String orgId, String id, long now) {
        tx.update("UPDATE api_keys SET revoked_at = ? WHERE org_id = ? AND id = ? AND revoked_at IS NULL", now, orgId, id);
    }

    void expire(Sql tx, String orgId, String id, long at) {
        tx.update("UPDATE api_keys SET expires_at = ? WHERE org_id = ? AND id = ?", at, orgId, id);
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
        Long rateLimit = row.nullableLong("rate_limit_per_minute");
        return new ApiKey(row.string("id"), row.string("org_id"), row.string("prefix"), row.string("name"),
                row.string("role"), row.string("agent_id"), rateLimit == null ? null : rateLimit.intValue(),
                row.string("signing_secret") != null, row.instant("created_at"), row.instant("last_used_at"), row.instant("expires_at"),
                row.instant("revoked_at"));
    }
}
