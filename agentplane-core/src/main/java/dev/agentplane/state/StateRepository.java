package dev.agentplane.state;

import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import dev.agentplane.store.Where;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of state entries; every statement is confined to one organization (except the purge, which removes
 * expired rows of all of them). A row whose {@code expires_at} has passed is absent to every statement: it is
 * never returned, and a write over it starts the entry again at version 1.
 */
final class StateRepository {
    private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";
    private static final String INSERT = """
            INSERT INTO state (org_id, namespace, key, value, version, expires_at, created_at, updated_at)
            VALUES (?, ?, ?, ?, 1, ?, ?, ?)
            """;
    private static final String RETURNING = " RETURNING version, created_at";

    /** What a write leaves in the row and the caller could not know beforehand. */
    record Written(long version, long createdAt) {}

    Optional<StateEntry> find(Sql sql, String orgId, String namespace, String key, long now) {
        return sql.one("SELECT namespace, key, value, version, expires_at, created_at, updated_at FROM state"
                        + " WHERE org_id = ? AND namespace = ? AND key = ? AND " + LIVE,
                StateRepository::mapEntry, orgId, namespace, key, now);
    }

    Optional<Long> liveVersion(Sql sql, String orgId, String namespace, String key, long now) {
        return sql.one("SELECT version FROM state WHERE org_id = ? AND namespace = ? AND key = ? AND " + LIVE,
                row -> row.longValue("version"), orgId, namespace, key, now);
    }

    /** Creates the entry, or replaces it (version + 1; an expired row starts again at version 1). */
    Written upsert(Sql tx, String orgId, String namespace, String key, String value, Long expiresAt, long now) {
        return tx.one(INSERT + """
                ON CONFLICT (org_id, namespace, key) DO UPDATE SET
                    value = excluded.value,
                    version = CASE WHEN state.expires_at <= ? THEN 1 ELSE state.version + 1 END,
                    created_at = CASE WHEN state.expires_at <= ? THEN excluded.created_at ELSE state.created_at END,
                    expires_at = excluded.expires_at,
                    updated_at = excluded.updated_at""" + RETURNING,
                StateRepository::mapWritten, orgId, namespace, key, value, expiresAt, now, now, now, now)
                .orElseThrow(() -> new IllegalStateException("an upsert always returns its row"));
    }

    /** Creates the entry only if no live one exists (an expired row is replaced); empty if a live one exists. */
    Optional<Written> insertIfAbsent(Sql tx, String orgId, String namespace, String key, String value, Long expiresAt,
                                     long now) {
        return tx.one(INSERT + """
                ON CONFLICT (org_id, namespace, key) DO UPDATE SET
                    value = excluded.value, version = 1, created_at = excluded.created_at,
                    expires_at = excluded.expires_at, updated_at = excluded.updated_at
                WHERE state.expires_at <= ?""" + RETURNING,
                StateRepository::mapWritten, orgId, namespace, key, value, expiresAt, now, now, now);
    }

    /** Replaces a live entry, if {@code expectedVersion} is null or matches; empty if nothing was replaced. */
    Optional<Written> replace(Sql tx, String orgId, String namespace, String key, String value, Long expiresAt,
                              Long expectedVersion, long now) {
        String update = "UPDATE state SET value = ?, version = version + 1, expires_at = ?, updated_at = ?"
                + " WHERE org_id = ? AND namespace = ? AND key = ? AND " + LIVE;
        return expectedVersion == null
                ? tx.one(update + RETURNING, StateRepository::mapWritten,
                        value, expiresAt, now, orgId, namespace, key, now)
                : tx.one(update + " AND version = ?" + RETURNING, StateRepository::mapWritten,
                        value, expiresAt, now, orgId, namespace, key, now, expectedVersion);
    }

    /** Deletes a live entry, if {@code expectedVersion} is null or matches; false if nothing was deleted. */
    boolean delete(Sql tx, String orgId, String namespace, String key, Long expectedVersion, long now) {
        Where where = new Where()
                .and("org_id = ?", orgId)
                .and("namespace = ?", namespace)
                .and("key = ?", key)
                .and(LIVE, now)
                .and("version = ?", expectedVersion);
        return tx.update("DELETE FROM state" + where.sql(), where.params()) == 1;
    }

    /** Live keys of a namespace in ascending order, starting after {@code page.after()}. */
    Page<StateKey> list(Sql sql, String orgId, String namespace, String prefix, PageRequest page, long now) {
        Where where = new Where()
                .and("org_id = ?", orgId)
                .and("namespace = ?", namespace)
                .and(LIVE, now)
                .and("key >= ? AND key < ?", prefix, prefix == null ? null : StateNames.prefixUpperBound(prefix))
                .and("key > ?", page.after());
        List<StateKey> rows = sql.list("SELECT key, version, expires_at, updated_at FROM state" + where.sql()
                        + " ORDER BY key LIMIT ?",
                row -> new StateKey(row.string("key"), row.longValue("version"), row.instant("expires_at"),
                        row.instant("updated_at")),
                where.params(page.fetchSize()));
        return Page.of(rows, page.limit(), StateKey::key);
    }

    /**
     * Deletes up to {@code batch} expired rows of every organization; returns how many it deleted. The outer
     * condition repeats {@code expires_at <= ?}: on PostgreSQL a row the subquery picked may be revived by a
     * concurrent PUT before the delete locks it, and only the outer condition is re-checked on the new version.
     */
    int purgeExpired(Sql tx, long now, int batch) {
        return tx.update("""
                DELETE FROM state WHERE expires_at <= ? AND (org_id, namespace, key) IN (
                    SELECT org_id, namespace, key FROM state WHERE expires_at <= ? LIMIT ?)""", now, now, batch);
    }

    private static Written mapWritten(Row row) throws SQLException {
        return new Written(row.longValue("version"), row.longValue("created_at"));
    }

    private static StateEntry mapEntry(Row row) throws SQLException {
        return new StateEntry(row.string("namespace"), row.string("key"), row.string("value"), row.longValue("version"),
                row.instant("expires_at"), row.instant("created_at"), row.instant("updated_at"));
    }
}
