package dev.agentplane.workflows;

import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import dev.agentplane.store.Where;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The SQL of workflow versions; every statement is confined to one organization. */
final class WorkflowRepository {

    int nextVersion(Sql tx, String orgId, String name) {
        return (int) tx.count("SELECT COALESCE(MAX(version), 0) + 1 AS n FROM workflows WHERE org_id = ? AND name = ?",
                orgId, name);
    }

    void insert(Sql tx, String orgId, Workflow workflow) {
        tx.update("""
                INSERT INTO workflows (id, org_id, name, version, description, definition, source, active, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                workflow.id(), orgId, workflow.name(), workflow.version(), workflow.description(),
                Sql.json(workflow.definition()), workflow.source(), workflow.active(),
                workflow.createdAt().toEpochMilli());
    }

    void deactivate(Sql tx, String orgId, String id) {
        tx.update("UPDATE workflows SET active = ? WHERE org_id = ? AND id = ?", false, orgId, id);
    }

    Optional<Workflow> find(Sql sql, String orgId, String name, int version) {
        return sql.one("SELECT * FROM workflows WHERE org_id = ? AND name = ? AND version = ?",
                WorkflowRepository::map, orgId, name, version);
    }

    Optional<Workflow> findById(Sql sql, String orgId, String id) {
        return sql.one("SELECT * FROM workflows WHERE org_id = ? AND id = ?", WorkflowRepository::map, orgId, id);
    }

    Optional<Workflow> latestActive(Sql sql, String orgId, String name) {
        return sql.one("""
                SELECT * FROM workflows WHERE org_id = ? AND name = ? AND active = ?
                ORDER BY version DESC LIMIT 1""", WorkflowRepository::map, orgId, name, true);
    }

    boolean exists(Sql sql, String orgId, String name) {
        return sql.count("SELECT COUNT(*) AS n FROM workflows WHERE org_id = ? AND name = ?", orgId, name) > 0;
    }

    /** The latest version of each name, by name; the cursor is the last name seen. */
    Page<Workflow> listLatest(Sql sql, String orgId, WorkflowFilter filter, PageRequest page) {
        String prefix = filter.namePrefix();
        Where where = new Where()
                .and("w.org_id = ?", orgId)
                .and("w.version = (SELECT MAX(v.version) FROM workflows v WHERE v.org_id = w.org_id AND v.name = w.name)")
                .and("substr(w.name, 1, ?) = ?", prefix == null ? null : prefix.codePointCount(0, prefix.length()), prefix)
                .and("w.active = ?", filter.active())
                .and("w.name > ?", page.after());
        List<Workflow> rows = sql.list("SELECT w.* FROM workflows w" + where.sql() + " ORDER BY w.name LIMIT ?",
                WorkflowRepository::map, where.params(page.fetchSize()));
        return Page.of(rows, page.limit(), Workflow::name);
    }

    /** The versions of one name, newest first; the cursor is the last version number seen. */
    Page<Workflow> listVersions(Sql sql, String orgId, String name, PageRequest page) {
        Where where = new Where()
                .and("org_id = ?", orgId)
                .and("name = ?", name)
                .and("version < ?", versionCursor(page.after()));
        List<Workflow> rows = sql.list("SELECT * FROM workflows" + where.sql() + " ORDER BY version DESC LIMIT ?",
                WorkflowRepository::map, where.params(page.fetchSize()));
        return Page.of(rows, page.limit(), workflow -> String.valueOf(workflow.version()));
    }

    private static Integer versionCursor(String after) {
        if (after == null) {
            return null;
        }
        try {
            return Integer.valueOf(after);
        } catch (NumberFormatException e) {
            throw InvalidInputException.parameter("cursor", "is not a cursor of this list",
                    "pass the next_cursor value of the previous page of versions unchanged");
        }
    }

    private static Workflow map(Row row) throws SQLException {
        return new Workflow(row.string("id"), row.string("name"), row.intValue("version"), row.string("description"),
                row.bool("active"), row.json("definition"), row.string("source"), row.instant("created_at"));
    }
}
