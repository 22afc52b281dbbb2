package dev.agentplane.events;

import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import dev.agentplane.store.Where;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/** The SQL of events; every statement is confined to one organization. */
public final class EventRepository {

    public void insert(Sql tx, String orgId, Event event) {
        tx.update("""
                INSERT INTO events (id, org_id, execution_id, agent_id, type, message, data, tokens_in, tokens_out,
                                    cost_usd, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.id(), orgId, event.executionId(), event.agentId(), event.type(), event.message(),
                Sql.json(event.data()), event.tokensIn(), event.tokensOut(), event.costUsd(),
                event.createdAt().toEpochMilli());
    }

    /** The events of one execution, oldest first; the cursor is the last id seen. */
    Page<Event> listOf(Sql sql, String orgId, String executionId, PageRequest page) {
        Where where = new Where()
                .and("org_id = ?", orgId)
                .and("execution_id = ?", executionId)
                .and("id > ?", page.after());
        List<Event> rows = sql.list("SELECT * FROM events" + where.sql() + " ORDER BY id LIMIT ?",
                EventRepository::map, where.params(page.fetchSize()));
        return Page.of(rows, page.limit(), Event::id);
    }

    /** The latest {@code perExecution} events of each execution in {@code executionIds}, oldest first, in one query. */
    List<Event> latestOf(Sql sql, String orgId, List<String> executionIds, int perExecution) {
        if (executionIds.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(executionIds.size(), "?"));
        Object[] params = new Object[executionIds.size() + 2];
        params[0] = orgId;
        for (int i = 0; i < executionIds.size(); i++) {
            params[i + 1] = executionIds.get(i);
        }
        params[params.length - 1] = perExecution;
        return sql.list("""
                SELECT * FROM (
                    SELECT e.*, ROW_NUMBER() OVER (PARTITION BY execution_id ORDER BY id DESC) AS recency
                    FROM events e WHERE org_id = ? AND execution_id IN (%s)
                ) latest
                WHERE recency <= ? ORDER BY id""".formatted(placeholders), EventRepository::map, params);
    }

    private static Event map(Row row) throws SQLException {
        return new Event(row.string("id"), row.string("execution_id"), row.string("agent_id"), row.string("type"),
                row.string("message"), row.json("data"), row.nullableLong("tokens_in"), row.nullableLong("tokens_out"),
                row.nullableDouble("cost_usd"), row.instant("created_at"));
    }
}
