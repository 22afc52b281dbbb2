package dev.agentplane.secrets;

import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import java.sql.SQLException;
import java.util.List;

/** The SQL of secrets: encrypted values by org and name. */
final class SecretRepository {
    record Stored(String name, String sealed) {}

    /** Inserts or replaces; true when the name was new. */
    boolean put(Sql tx, String orgId, String name, String sealed, long now) {
        int updated = tx.update("UPDATE secrets SET sealed = ?, updated_at = ? WHERE org_id = ? AND name = ?", sealed, now, orgId, name);
        if (updated == 1) {
            return false;
        }
        tx.update("INSERT INTO secrets (org_id, name, sealed, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                orgId, name, sealed, now, now);
        return true;
    }

    boolean delete(Sql tx, String orgId, String name) {
        return tx.update("DELETE FROM secrets WHERE org_id = ? AND name = ?", orgId, name) == 1;
    }

    List<Secret> list(Sql sql, String orgId) {
        return sql.list("SELECT name, created_at, updated_at FROM secrets WHERE org_id = ? ORDER BY name",
                SecretRepository::map, orgId);
    }

    java.util.Optional<Secret> find(Sql sql, String orgId, String name) {
        return sql.one("SELECT name, created_at, updated_at FROM secrets WHERE org_id = ? AND name = ?",
                SecretRepository::map, orgId, name);
    }

    List<Stored> sealedOf(Sql sql, String orgId) {
        return sql.list("SELECT name, sealed FROM secrets WHERE org_id = ?", row -> new Stored(row.string("name"), row.string("sealed")), orgId);
    }

    private static Secret map(Row row) throws SQLException {
        return new Secret(row.string("name"), row.instant("created_at"), row.instant("updated_at"));
    }
}
