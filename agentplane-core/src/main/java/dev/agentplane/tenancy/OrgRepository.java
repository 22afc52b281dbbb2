package dev.agentplane.tenancy;

import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of orgs. Unlike other repositories it is not confined to one org: only the instance admin reaches the
 * cross-org statements, which {@link OrgService} checks before calling them.
 */
final class OrgRepository {
    boolean anyExists(Sql sql) {
        return sql.count("SELECT COUNT(*) AS n FROM orgs") > 0;
    }

    void insert(Sql tx, String id, String name, boolean instanceAdmin, long now) {
        tx.update("INSERT INTO orgs (id, name, status, instance_admin, created_at) VALUES (?, ?, 'active', ?, ?)",
                id, name, instanceAdmin, now);
    }

    Optional<String> statusOf(Sql sql, String orgId) {
        return sql.one("SELECT status FROM orgs WHERE id = ?", row -> row.string("status"), orgId);
    }

    boolean isActiveInstanceAdmin(Sql sql, String orgId) {
        return sql.one("SELECT instance_admin, status FROM orgs WHERE id = ?",
                row -> row.bool("instance_admin") && Org.ACTIVE.equals(row.string("status")), orgId).orElse(false);
    }

    Optional<Org> find(Sql sql, String id) {
        return sql.one("SELECT * FROM orgs WHERE id = ?", OrgRepository::map, id);
    }

    Optional<Org> findForUpdate(Sql tx, String id) {
        return tx.one("SELECT * FROM orgs WHERE id = ?" + tx.dialect().forUpdate(), OrgRepository::map, id);
    }

    void disable(Sql tx, String id, long now) {
        tx.update("UPDATE orgs SET status = 'disabled', disabled_at = ? WHERE id = ?", now, id);
    }

    Page<Org> list(Sql sql, PageRequest page) {
        List<Org> rows = page.after() == null
                ? sql.list("SELECT * FROM orgs ORDER BY id DESC LIMIT ?", OrgRepository::map, page.fetchSize())
                : sql.list("SELECT * FROM orgs WHERE id < ? ORDER BY id DESC LIMIT ?", OrgRepository::map,
                        page.after(), page.fetchSize());
        return Page.of(rows, page.limit(), Org::id);
    }

    private static Org map(Row row) throws SQLException {
        return new Org(row.string("id"), row.string("name"), row.string("status"), row.bool("instance_admin"),
                row.instant("created_at"), row.instant("disabled_at"));
    }
}
