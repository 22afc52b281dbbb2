package dev.agentplane.executions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of step_runs. Every change after the insert says {@code AND version = ?} and bumps the version, so of
 * two workers that both believe they hold a run, only one can change it; the other's update touches no row.
 */
final class StepRunRepository {

    void insert(Sql tx, StepRun run) {
        tx.update("""
                INSERT INTO step_runs (id, org_id, execution_id, step_id, scope, parent_run_id, block, position, attempt,
                                       status, input, state, available_at, version, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""",
                run.id(), run.orgId(), run.executionId(), run.stepId(), run.scope(), run.parentRunId(), run.block(),
                run.position(), run.attempt(), run.status(), Sql.json(run.input()), Sql.json(run.state()),
                run.availableAt(), run.createdAt().toEpochMilli());
    }

    /**
     * Inserts a run already leased to {@code owner} until {@code leaseUntil} (what {@link #insert} then {@link #claimNextOf}
     * would leave, in one statement) and returns it as stored.
     */
    StepRun insertClaimed(Sql tx, StepRun run, String owner, long now, long leaseUntil) {
        return tx.one("""
                INSERT INTO step_runs (id, org_id, execution_id, step_id, scope, parent_run_id, block, position, attempt,
                                       status, input, state, available_at, version, created_at, lease_owner,
                                       lease_expires_at, started_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, 1, ?, ?, ?, ?)
                RETURNING *""", StepRunRepository::map,
                run.id(), run.orgId(), run.executionId(), run.stepId(), run.scope(), run.parentRunId(), run.block(),
                run.position(), run.attempt(), Sql.json(run.input()), Sql.json(run.state()),
                run.availableAt(), run.createdAt().toEpochMilli(), owner, leaseUntil, now).orElseThrow();
    }

    /** Leases up to {@code limit} due pending runs to {@code owner} until {@code leaseUntil}. */
    List<StepRun> claim(Sql tx, String owner, long now, long leaseUntil, int limit) {
        return tx.list("""
                UPDATE step_runs SET status = 'running', lease_owner = ?, lease_expires_at = ?, version = version + 1,
                                     started_at = COALESCE(started_at, ?)
                WHERE id IN (SELECT id FROM step_runs WHERE status IN ('pending', 'waiting') AND available_at <= ?
                               AND NOT EXISTS (SELECT 1 FROM executions e
                                               WHERE e.id = step_runs.execution_id AND e.status = 'paused')
                             ORDER BY available_at LIMIT ?""" + tx.dialect().skipLocked() + """
                )
                RETURNING *""", StepRunRepository::map, owner, leaseUntil, now, now, limit);
    }

    /**
     * In the transaction that recorded a run of {@code executionId}: leases the execution's next due pending run (the
     * step that transaction made due) to {@code owner}, so the worker goes on with it without another claim.
     */
    List<StepRun> claimNextOf(Sql tx, String executionId, String owner, long now, long leaseUntil) {
        return tx.list("""
                UPDATE step_runs SET status = 'running', lease_owner = ?, lease_expires_at = ?, version = version + 1,
                                     started_at = COALESCE(started_at, ?)
                WHERE id IN (SELECT id FROM step_runs WHERE execution_id = ? AND status = 'pending' AND available_at <= ?
                               AND NOT EXISTS (SELECT 1 FROM executions e
                                               WHERE e.id = step_runs.execution_id AND e.status = 'paused')
                             ORDER BY available_at LIMIT 1""" + tx.dialect().skipLocked() + """
                )
                RETURNING *""", StepRunRepository::map, owner, leaseUntil, now, executionId, now);
    }

    /** Ends a run this worker holds; false when someone else changed it meanwhile (lease lost, cancelled). */
    boolean finish(Sql tx, StepRun run, String status, JsonNode output, String errorCode, String error, long now) {
        return tx.update("""
                UPDATE step_runs SET status = ?, output = ?, error_code = ?, error = ?, completed_at = ?, lease_owner = NULL,
                                     lease_expires_at = NULL, version = version + 1
                WHERE id = ? AND version = ?""",
                status, Sql.json(output), errorCode, error, now, run.id(), run.version()) == 1;
    }

    /** {@link #finish}, returning the run as stored (its output as a later read gives it); empty when not this worker's. */
    Optional<StepRun> finished(Sql tx, StepRun run, String status, JsonNode output, String errorCode, String error, long now) {
        return tx.one("""
                UPDATE step_runs SET status = ?, output = ?, error_code = ?, error = ?, completed_at = ?, lease_owner = NULL,
                                     lease_expires_at = NULL, version = version + 1
                WHERE id = ? AND version = ?
                RETURNING *""",
                StepRunRepository::map, status, Sql.json(output), errorCode, error, now, run.id(), run.version());
    }

    /** Puts a run back in the queue, due at {@code availableAt}, for its next attempt or its next look. */
    boolean reschedule(Sql tx, StepRun run, int attempt, long availableAt, JsonNode state, String errorCode, String error) {
        return tx.update("""
                UPDATE step_runs SET status = 'pending', attempt = ?, available_at = ?, state = ?, error_code = ?, error = ?,
                                     lease_owner = NULL, lease_expires_at = NULL, version = version + 1
                WHERE id = ? AND version = ?""",
                attempt, availableAt, Sql.json(state), errorCode, error, run.id(), run.version()) == 1;
    }

    /** Gives a claimed run back unrun, as it was before the claim. */
    boolean release(Sql tx, StepRun run) {
        return tx.update("""
                UPDATE step_runs SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL, version = version + 1
                WHERE id = ? AND version = ? AND status = 'running'""", run.id(), run.version()) == 1;
    }

    /**
     * The run waits, keeping {@code state}, until something wakes it (makes it due now) or {@code until} comes: a
     * waiting run is claimed like a pending one once it is due. A run woken while it was still running (what it
     * waits for ended before this) is due {@code now}: its next look finds that end.
     */
    boolean await(Sql tx, StepRun run, JsonNode state, long until, long now) {
        return tx.update("""
                UPDATE step_runs SET status = 'waiting', state = ?,
                                     available_at = CASE WHEN woken_while_running THEN ? ELSE ? END,
                                     woken_while_running = FALSE, lease_owner = NULL, lease_expires_at = NULL,
                                     version = version + 1
                WHERE id = ? AND version = ?""", Sql.json(state), now, until, run.id(), run.version()) == 1;
    }

    void updateState(Sql tx, String id, JsonNode state) {
        tx.update("UPDATE step_runs SET state = ?, version = version + 1 WHERE id = ?", Sql.json(state), id);
    }

    Optional<StepRun> find(Sql sql, String id) {
        return sql.one("SELECT * FROM step_runs WHERE id = ?", StepRunRepository::map, id);
    }

    Optional<StepRun> findForUpdate(Sql tx, String id) {
        return tx.one("SELECT * FROM step_runs WHERE id = ?" + tx.dialect().forUpdate(), StepRunRepository::map, id);
    }

    List<StepRun> ofExecution(Sql sql, String executionId) {
        return sql.list("SELECT * FROM step_runs WHERE execution_id = ? ORDER BY id", StepRunRepository::map, executionId);
    }

    List<StepRun> children(Sql sql, String parentRunId) {
        return sql.list("SELECT * FROM step_runs WHERE parent_run_id = ? ORDER BY id", StepRunRepository::map, parentRunId);
    }

    long activeChildren(Sql sql, String parentRunId) {
        return sql.count("SELECT COUNT(*) AS n FROM step_runs WHERE parent_run_id = ? AND status IN ('pending', 'running', 'waiting')",
                parentRunId);
    }

    /** Cancels every active run of an execution (or, with a parent, the active runs below it, one level). */
    List<String> cancelActive(Sql tx, String executionId, String parentRunId, long now) {
        List<String> ids = parentRunId == null
                ? tx.list("SELECT id FROM step_runs WHERE execution_id = ? AND status IN ('pending', 'running', 'waiting')",
                        row -> row.string("id"), executionId)
                : tx.list("SELECT id FROM step_runs WHERE parent_run_id = ? AND status IN ('pending', 'running', 'waiting')",
                        row -> row.string("id"), parentRunId);
        for (String id : ids) {
            tx.update("""
                    UPDATE step_runs SET status = 'cancelled', completed_at = ?, lease_owner = NULL, lease_expires_at = NULL,
                                         version = version + 1
                    WHERE id = ? AND status IN ('pending', 'running', 'waiting')""", now, id);
        }
        return ids;
    }

    /** Makes runs whose worker stopped renewing its lease claimable again; returns how many. */
    int recoverExpiredLeases(Sql tx, long now) {
        return tx.update("""
                UPDATE step_runs SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL, version = version + 1
                WHERE status = 'running' AND lease_expires_at < ?""", now);
    }

    void renewLeases(Sql tx, String owner, List<String> ids, long leaseUntil) {
        for (String id : ids) {
            tx.update("UPDATE step_runs SET lease_expires_at = ? WHERE id = ? AND lease_owner = ? AND status = 'running'",
                    leaseUntil, id, owner);
        }
    }

    private static JsonNode stateOf(Row row) throws SQLException {
        JsonNode state = row.json("state");
        return state == null || state.isNull() ? Json.object() : state;
    }

    static StepRun map(Row row) throws SQLException {
        return new StepRun(row.string("id"), row.string("org_id"), row.string("execution_id"), row.string("step_id"),
                row.string("scope"), row.string("parent_run_id"), row.string("block"), row.intValue("position"),
                row.intValue("attempt"), row.string("status"), row.json("input"), row.json("output"), row.string("error"),
                row.string("error_code"), stateOf(row), row.longValue("available_at"), row.longValue("version"),
                row.instant("created_at"), row.instant("started_at"), row.instant("completed_at"));
    }
}
