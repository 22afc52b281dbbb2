package dev.agentplane.events;

import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import dev.agentplane.store.Where;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The SQL of events; every statement is confined to one organization (the sequencer's excepted, see there). */
public final class EventRepository {
    /** The {@link dev.agentplane.store.Signals} topic raised, with the execution id, after an event commits. */
    public static final String COMMITTED = "events";

    /**
     * Stores an event with the next seq of its execution and returns it with that seq. The counter lives on the
     * execution's row: incrementing it locks the row until commit, so the writers of one execution take turns and
     * seq order is commit order, without gaps (on SQLite writers are serialized anyway).
     */
    public Event insert(Sql tx, String orgId, Event event) {
        Event numbered;
        if (event.executionId() != null && tx.dialect().dataModifyingWith()) {
            // One statement instead of two (the counter's UPDATE, then the INSERT): PostgreSQL's CPU goes by statements.
            long seq = tx.one("""
                    WITH counter AS (UPDATE executions SET event_seq = event_seq + 1 WHERE org_id = ? AND id = ?
                                     RETURNING event_seq)
                    INSERT INTO events (id, org_id, execution_id, seq, agent_id, type, message, data, tokens_in, tokens_out,
                                        cost_usd, created_at)
                    SELECT ?, ?, ?, counter.event_seq, ?, ?, ?, ?, ?, ?, ?, ? FROM counter
                    RETURNING seq""", row -> row.longValue("seq"), orgId, event.executionId(),
                    event.id(), orgId, event.executionId(), event.agentId(), event.type(), event.message(),
                    Sql.json(event.data()), event.tokensIn(), event.tokensOut(), event.costUsd(),
                    event.createdAt().toEpochMilli())
                    .orElseThrow(() -> new IllegalStateException("no execution " + event.executionId() + " for its event"));
            numbered = event.withSeq(seq);
        } else {
            numbered = event.executionId() == null ? event : event.withSeq(tx.one(
                    "UPDATE executions SET event_seq = event_seq + 1 WHERE org_id = ? AND id = ? RETURNING event_seq",
                    row -> row.longValue("event_seq"), orgId, event.executionId())
                    .orElseThrow(() -> new IllegalStateException("no execution " + event.executionId() + " for its event")));
            tx.update("""
                    INSERT INTO events (id, org_id, execution_id, seq, agent_id, type, message, data, tokens_in, tokens_out,
                                        cost_usd, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    numbered.id(), orgId, numbered.executionId(), numbered.seq(), numbered.agentId(), numbered.type(),
                    numbered.message(), Sql.json(numbered.data()), numbered.tokensIn(), numbered.tokensOut(),
                    numbered.costUsd(), numbered.createdAt().toEpochMilli());
        }
        if (numbered.executionId() != null) {
            tx.signalAfterCommit(COMMITTED, numbered.executionId());
        }
        return numbered;
    }

    /**
     * Takes, first thing in a transaction, the lock that {@link #insert} would take later: a transaction that locks
     * other rows (step runs) before writing an event could otherwise deadlock with one that wrote its event first.
     * Returns the execution's status as locked (empty when there is no such execution).
     */
    public Optional<String> lockSequence(Sql tx, String orgId, String executionId) {
        return tx.one("SELECT id, status FROM executions WHERE org_id = ? AND id = ?" + tx.dialect().forUpdate(),
                row -> row.string("status"), orgId, executionId);
    }

    /** The events of one execution in seq order; the cursor is the last seq seen. */
    Page<Event> listOf(Sql sql, String orgId, String executionId, Long afterSeq, PageRequest page) {
        Where where = new Where()
                .and("org_id = ?", orgId)
                .and("execution_id = ?", executionId)
                .and("seq > ?", seqOf(page.after()))
                .and("seq > ?", afterSeq);
        List<Event> rows = sql.list("SELECT * FROM events" + where.sql() + " ORDER BY seq LIMIT ?",
                EventRepository::map, where.params(page.fetchSize()));
        return Page.of(rows, page.limit(), event -> String.valueOf(event.seq()));
    }

    private static Long seqOf(String cursorKey) {
        if (cursorKey == null) {
            return null;
        }
        try {
            return Long.parseLong(cursorKey);
        } catch (NumberFormatException e) {
            throw InvalidInputException.parameter("cursor", "is not a cursor of this list",
                    "pass the next_cursor value of the previous page of this execution's events unchanged");
        }
    }

    /** Up to {@code limit} events of one execution after {@code afterSeq}, in seq order. */
    List<Event> after(Sql sql, String orgId, String executionId, long afterSeq, int limit) {
        return sql.list("SELECT * FROM events WHERE org_id = ? AND execution_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                EventRepository::map, orgId, executionId, afterSeq, limit);
    }

    /** Up to {@code limit} events of an organization after stream position {@code after} that match the filter. */
    List<StreamedEvent> stream(Sql sql, String orgId, StreamFilter filter, long after, int limit) {
        Where where = new Where()
                .and("e.org_id = ?", orgId)
                .and("e.position > ?", after)
                .and("x.workflow_name = ?", filter.workflow())
                .and("e.execution_id = ?", filter.executionId())
                .and("substr(e.type, 1, ?) = ?", filter.typePrefix() == null ? null : filter.typePrefix().length(),
                        filter.typePrefix());
        return sql.list("SELECT e.* FROM events e JOIN executions x ON x.org_id = e.org_id AND x.id = e.execution_id"
                        + where.sql() + " ORDER BY e.position LIMIT ?",
                row -> new StreamedEvent(map(row), StreamedEvent.cursorOf(row.longValue("position"))),
                where.params(limit));
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
                    SELECT e.*, ROW_NUMBER() OVER (PARTITION BY execution_id ORDER BY seq DESC) AS recency
                    FROM events e WHERE org_id = ? AND execution_id IN (%s)
                ) latest
                WHERE recency <= ? ORDER BY execution_id, seq""".formatted(placeholders), EventRepository::map, params);
    }

    static Event map(Row row) throws SQLException {
        return new Event(row.string("id"), row.string("execution_id"), row.nullableLong("seq"), row.string("agent_id"),
                row.string("type"), row.string("message"), row.json("data"), row.nullableLong("tokens_in"),
                row.nullableLong("tokens_out"), row.nullableDouble("cost_usd"), row.instant("created_at"));
    }
}
