package dev.agentplane.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import dev.agentplane.store.Where;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The SQL of tasks. A claim takes an open task, or one whose claimer's lease ran out, in one statement. */
final class TaskRepository {

    void insert(Sql tx, String orgId, String stepRunId, Task task) {
        tx.update("""
                INSERT INTO tasks (id, org_id, execution_id, step_run_id, step_id, attempt, capability, input, status, claims,
                                   version, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', 0, 0, ?)""",
                task.id(), orgId, task.executionId(), stepRunId, task.stepId(), task.attempt(), task.capability(),
                Sql.json(task.input()), task.createdAt().toEpochMilli());
    }

    Optional<Task> findByStepRun(Sql sql, String orgId, String stepRunId, int attempt) {
        return sql.one("SELECT * FROM tasks WHERE org_id = ? AND step_run_id = ? AND attempt = ?", TaskRepository::map,
                orgId, stepRunId, attempt);
    }

    Optional<Task> find(Sql sql, String orgId, String id) {
        return sql.one("SELECT * FROM tasks WHERE org_id = ? AND id = ?", TaskRepository::map, orgId, id);
    }

    Optional<String> stepRunOf(Sql sql, String orgId, String id) {
        return sql.one("SELECT step_run_id FROM tasks WHERE org_id = ? AND id = ?", row -> row.string("step_run_id"), orgId, id);
    }

    Optional<Task> claim(Sql tx, String orgId, List<String> capabilities, String agentId, long now, long leaseUntil) {
        String placeholders = String.join(", ", Collections.nCopies(capabilities.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(agentId, leaseUntil, now, orgId));
        params.addAll(capabilities);
        params.add(now);
        return tx.one("""
                UPDATE tasks SET status = 'claimed', claimed_by = ?, claims = claims + 1, lease_expires_at = ?,
                                 claimed_at = ?, version = version + 1
                WHERE id = (SELECT id FROM tasks WHERE org_id = ? AND capability IN (%s)
                              AND (status = 'open' OR (status = 'claimed' AND lease_expires_at < ?))
                            ORDER BY id LIMIT 1%s)
                RETURNING *""".formatted(placeholders, tx.dialect().skipLocked()), TaskRepository::map, params.toArray());
    }

    /** Renews a claimed task's lease; with {@code claimedBy}, only if that agent holds it. */
    boolean renew(Sql tx, String orgId, String id, String claimedBy, long leaseUntil) {
        Where where = heldTask(orgId, id, claimedBy);
        return tx.update("UPDATE tasks SET lease_expires_at = ?, version = version + 1" + where.sql(),
                setThenWhere(where, leaseUntil)) == 1;
    }

    /** Ends a claimed task; with {@code claimedBy}, only if that agent holds it. */
    boolean finish(Sql tx, String orgId, String id, String claimedBy, String status, JsonNode output, String error,
                   Boolean retryable, long now) {
        Where where = heldTask(orgId, id, claimedBy);
        return tx.update("""
                UPDATE tasks SET status = ?, output = ?, error = ?, retryable = ?, completed_at = ?, lease_expires_at = NULL,
                                 version = version + 1""" + where.sql(),
                setThenWhere(where, status, Sql.json(output), error, retryable, now)) == 1;
    }

    private static Object[] setThenWhere(Where where, Object... setValues) {
        List<Object> params = new ArrayList<>(Arrays.asList(setValues));
        params.addAll(Arrays.asList(where.params()));
        return params.toArray();
    }

    private static Where heldTask(String orgId, String id, String claimedBy) {
        return new Where().and("org_id = ?", orgId).and("id = ?", id).and("status = 'claimed'").and("claimed_by = ?", claimedBy);
    }

    void cancelOfExecution(Sql tx, String executionId, long now) {
        tx.update("""
                UPDATE tasks SET status = 'cancelled', completed_at = ?, lease_expires_at = NULL, version = version + 1
                WHERE execution_id = ? AND status IN ('open', 'claimed')""", now, executionId);
    }

    /** Cancels the open and claimed tasks step runs {@code stepRunIds} opened (any attempt). */
    void cancelOfStepRuns(Sql tx, List<String> stepRunIds, long now) {
        List<Object> params = new ArrayList<>(List.of(now));
        params.addAll(stepRunIds);
        tx.update("""
                UPDATE tasks SET status = 'cancelled', completed_at = ?, lease_expires_at = NULL, version = version + 1
                WHERE step_run_id IN (%s) AND status IN ('open', 'claimed')""".formatted(Sql.placeholders(stepRunIds.size())),
                params.toArray());
    }

    boolean retryable(Sql sql, String id) {
        return sql.one("SELECT retryable FROM tasks WHERE id = ?", row -> row.bool("retryable"), id).orElse(true);
    }

    Page<Task> list(Sql sql, String orgId, TaskFilter filter, String visibleToAgent, PageRequest page) {
        Where where = new Where()
                .and("org_id = ?", orgId)
                .and("status = ?", filter.status())
                .and("capability = ?", filter.capability())
                .and("execution_id = ?", filter.executionId())
                .and("(claimed_by = ? OR status = 'open')", visibleToAgent)
                .and("id < ?", page.after());
        List<Task> rows = sql.list("SELECT * FROM tasks" + where.sql() + " ORDER BY id DESC LIMIT ?", TaskRepository::map,
                where.params(page.fetchSize()));
        return Page.of(rows, page.limit(), Task::id);
    }

    private static Task map(Row row) throws SQLException {
        return new Task(row.string("id"), row.string("execution_id"), row.string("step_id"), row.intValue("attempt"),
                row.string("capability"), row.json("input"), row.string("status"), row.string("claimed_by"),
                row.intValue("claims"), row.instant("lease_expires_at"), row.json("output"), row.string("error"),
                row.instant("created_at"), row.instant("claimed_at"), row.instant("completed_at"));
    }
}
