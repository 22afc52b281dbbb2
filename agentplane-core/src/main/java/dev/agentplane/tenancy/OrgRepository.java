package dev.agentplane.tenancy;

import dev.agentplane.store.Sql;
import java.util.Optional;

/** The SQL of orgs. */
final class OrgRepository {
    boolean anyExists(Sql sql) {
        return sql.count("SELECT COUNT(*) AS n FROM orgs") > 0;
    }

    void insert(Sql tx, String id, String name, long now) {
        tx.update("INSERT INTO orgs (id, name, status, created_at) VALUES (?, ?, 'active', ?)", id, name, now);
    }

    Optional<String> statusOf(Sql sql, String orgId) {
        return sql.one("SELECT status FROM orgs WHERE id = ?", row -> row.string("status"), orgId);
    }
}
