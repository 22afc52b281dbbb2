package dev.agentplane.events;

import dev.agentplane.store.Sql;
import java.util.List;

/**
 * Gives committed events their stream position, the one order org-wide streams resume on. It runs after the
 * events' transactions commit, so it only ever numbers committed events, and the head row's lock lets one
 * sequencer at a time number them, on any node: positions are handed out in commit order and a reader that saw
 * position p has seen every position below it. Within an execution, positions follow seq.
 */
final class EventSequencer {
    static final int BATCH = 1000;

    /** Whether some committed event has no position yet (checked without a transaction, so without a lock). */
    boolean hasUnnumbered(Sql sql) {
        return sql.one("SELECT id FROM events WHERE position IS NULL LIMIT 1", row -> row.string("id")).isPresent();
    }

    /** Numbers up to {@link #BATCH} events that have no position yet; returns how many it numbered. */
    int assignPositions(Sql tx) {
        long head = tx.one("SELECT last_position FROM event_stream_head WHERE id = 1" + tx.dialect().forUpdate(),
                row -> row.longValue("last_position")).orElseThrow();
        // A new statement after the lock, so it sees every event committed before this sequencer got its turn.
        int numbered = tx.update("""
                UPDATE events SET position = ranked.position
                FROM (SELECT id, ? + ROW_NUMBER() OVER (ORDER BY execution_id, seq, id) AS position
                      FROM events WHERE position IS NULL
                      ORDER BY execution_id, seq, id LIMIT ?) ranked
                WHERE events.id = ranked.id""", head, BATCH);
        tx.update("UPDATE event_stream_head SET last_position = ? WHERE id = 1", head + numbered);
        return numbered;
    }

    /** The last position handed out. */
    long head(Sql sql) {
        return sql.one("SELECT last_position FROM event_stream_head WHERE id = 1", row -> row.longValue("last_position"))
                .orElseThrow();
    }

    /** Where events were numbered after {@code after}: each execution and its organization, with its last position. */
    List<Numbered> numberedAfter(Sql sql, long after) {
        return sql.list("""
                SELECT org_id, execution_id, MAX(position) AS last FROM events WHERE position > ?
                GROUP BY org_id, execution_id""",
                row -> new Numbered(row.string("org_id"), row.string("execution_id"), row.longValue("last")), after);
    }

    record Numbered(String orgId, String executionId, long last) {}
}
