package dev.agentplane.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.store.Database;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import dev.agentplane.store.Where;
import dev.agentplane.tenancy.Actor;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The append-only record of every change. {@link #record} takes the caller's transaction, so an audit row
 * exists exactly when the change it describes was committed.
 */
public final class AuditLog {
    static final int MAX_VALUE_CHARS = 4096;

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public void record(Sql tx, Actor actor, String action, String resourceType, String resourceId, Object details) {
        JsonNode detailNode = details == null ? Json.object() : Json.MAPPER.valueToTree(details);
        tx.update("""
                INSERT INTO audit_log (id, org_id, actor_key_id, actor_agent_id, action, resource_type, resource_id,
                                       details, request_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                Ids.newId(), actor.orgId(), actor.keyId(), actor.agentId(), action, resourceType, resourceId,
                Sql.json(compact(Redactor.redact(detailNode))), actor.requestId(), clock.millis());
    }

    /** Large values (a handoff's whole context, say) are summarized by size: the log says what changed, not all of it. */
    static JsonNode compact(JsonNode details) {
        if (details instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                int size = Json.write(field.getValue()).length();
                if (size > MAX_VALUE_CHARS) {
                    field.setValue(Json.object().put("omitted_chars", size));
                }
            });
        }
        return details;
    }

    public Page<AuditEntry> list(Actor actor, AuditFilter filter, PageRequest page) {
        Where where = new Where()
                .and("org_id = ?", actor.orgId())
                .and("actor_key_id = ?", filter.actorKeyId())
                .and("actor_agent_id = ?", filter.actorAgentId())
                .and("action = ?", filter.action())
                .and("resource_type = ?", filter.resourceType())
                .and("resource_id = ?", filter.resourceId())
                .and("created_at >= ?", filter.from() == null ? null : filter.from().toEpochMilli())
                .and("created_at < ?", filter.to() == null ? null : filter.to().toEpochMilli())
                .and("id < ?", page.after());
        return database.read(sql -> Page.of(
                sql.list("SELECT * FROM audit_log" + where.sql() + " ORDER BY id DESC LIMIT ?",
                        AuditLog::map, where.params(page.fetchSize())),
                page.limit(), AuditEntry::id));
    }

    private static AuditEntry map(Row row) throws SQLException {
        return new AuditEntry(row.string("id"), row.string("actor_key_id"), row.string("actor_agent_id"),
                row.string("action"), row.string("resource_type"), row.string("resource_id"), row.json("details"),
                row.string("request_id"), row.instant("created_at"));
    }
}
