package dev.agentplane.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import dev.agentplane.store.Where;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of executions; every statement is confined to one organization. */
public final class ExecutionRepository {

    void insert(Sql tx, String orgId, Execution execution, String idempotencyKey, Long deadlineAt, String parentStepRunId) {
        tx.update("""
                INSERT INTO executions (id, org_id, workflow_id, workflow_name, workflow_version, agent_id, status, input,
                                        tokens_in, tokens_out, cost_usd, started_at, idempotency_key, deadline_at,
                                        parent_step_run_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                execution.id(), orgId, execution.workflowId(), execution.workflowName(), execution.workflowVersion(),
                execution.agentId(), execution.status(), Sql.json(execution.input()), execution.tokensIn(),
                execution.tokensOut(), execution.costUsd(), execution.startedAt().toEpochMilli(), idempotencyKey, deadlineAt,
                parentStepRunId);
    }

    Optional<Execution> findByParentStepRun(Sql sql, String orgId, String parentStepRunId) {
        return sql.one("SELECT * FROM executions WHERE org_id = ? AND parent_step_run_id = ?", ExecutionRepository::map,
                orgId, parentStepRunId);
    }

    /** The step run waiting for this execution, when it is a sub-workflow's. */
    public Optional<String> parentStepRunOf(Sql sql, String orgId, String id) {
        return sql.one("SELECT parent_step_run_id FROM executions WHERE org_id = ? AND id = ?",
                row -> row.string("parent_step_run_id"), orgId, id);
    }

    /** The sub-workflow executions started by steps of execution {@code id} that have not ended (running or paused). */
    public List<String> activeChildrenOf(Sql sql, String orgId, String id) {
        return sql.list("""
                SELECT e.id FROM executions e JOIN step_runs s ON e.parent_step_run_id = s.id
                WHERE s.execution_id = ? AND e.org_id = ? AND e.status IN ('running', 'paused')""", row -> row.string("id"),
                id, orgId);
    }

    /** The sub-workflow executions step runs {@code stepRunIds} started that have not ended (running or paused). */
    public List<String> activeChildrenOfStepRuns(Sql sql, String orgId, List<String> stepRunIds) {
        List<Object> params = new java.util.ArrayList<>(List.of(orgId));
        params.addAll(stepRunIds);
        return sql.list("""
                SELECT id FROM executions WHERE org_id = ? AND parent_step_run_id IN (%s)
                AND status IN ('running', 'paused')""".formatted(Sql.placeholders(stepRunIds.size())), row -> row.string("id"),
                params.toArray());
    }

    Optional<Execution> findByIdempotencyKey(Sql sql, String orgId, String key) {
        return sql.one("SELECT * FROM executions WHERE org_id = ? AND idempotency_key = ?", ExecutionRepository::map, orgId, key);
    }

    /** Ends a running execution; false when it was not running any more (another request ended it first). */
    public boolean finish(Sql tx, String orgId, String id, String status, JsonNode output,
                   String error, Usage totals, Instant completedAt) {
        return ended(tx, orgId, id, status, output, error, totals, completedAt).isPresent();
    }

    /** An execution {@link #ended}: the step run of its parent execution that started it, if one did. */
    public record Ended(Optional<String> parentStepRunId) {}

    /**
     * {@link #finish}, telling also the step run that started the execution (so the one statement serves both); empty
     * when it was not running any more.
     */
    public Optional<Ended> ended(Sql tx, String orgId, String id, String status, JsonNode output,
                                 String error, Usage totals, Instant completedAt) {
        return tx.one("""
                UPDATE executions SET status = ?, output = ?, error = ?, tokens_in = COALESCE(?, tokens_in),
                                      tokens_out = COALESCE(?, tokens_out), cost_usd = COALESCE(?, cost_usd),
                                      completed_at = ?
                WHERE org_id = ? AND id = ? AND status IN ('running', 'paused')
                RETURNING parent_step_run_id""",
                row -> new Ended(Optional.ofNullable(row.string("parent_step_run_id"))),
                status, Sql.json(output), error, totals.tokensIn(), totals.tokensOut(), totals.costUsd(),
                completedAt.toEpochMilli(), orgId, id);
    }

    /** Moves an execution from status {@code from} to {@code to}; false when it was not in {@code from}. */
    boolean move(Sql tx, String orgId, String id, String from, String to) {
        return tx.update("UPDATE executions SET status = ? WHERE org_id = ? AND id = ? AND status = ?", to, orgId, id, from) == 1;
    }

    /** A failed execution runs again: its error and end are cleared. */
    boolean reopen(Sql tx, String orgId, String id) {
        return tx.update("""
                UPDATE executions SET status = 'running', error = NULL, output = NULL, completed_at = NULL
                WHERE org_id = ? AND id = ? AND status = 'failed'""", orgId, id) == 1;
    }

    /** Running or paused executions past their deadline, in any org: the engine fails them. */
    public List<Execution.Ref> overdue(Sql sql, long now, int limit) {
        return sql.list("""
                SELECT id, org_id FROM executions WHERE deadline_at <= ? AND status IN ('running', 'paused')
                ORDER BY deadline_at LIMIT ?""", row -> new Execution.Ref(row.string("org_id"), row.string("id")), now, limit);
    }

    /** Adds usage reported by an event to the execution's totals. */
    public void addUsage(Sql tx, String orgId, String id, Usage usage) {
        tx.update("""
                UPDATE executions SET tokens_in = tokens_in + ?, tokens_out = tokens_out + ?, cost_usd = cost_usd + ?
                WHERE org_id = ? AND id = ?""",
                orZero(usage.tokensIn()), orZero(usage.tokensOut()),
                usage.costUsd() == null ? 0.0 : usage.costUsd(), orgId, id);
    }

    /** Step run {@code stepRunId}, its row locked until the transaction ends; empty when there is none. */
    Optional<LockedStepRun> lockStepRun(Sql tx, String orgId, String stepRunId) {
        return tx.one("SELECT execution_id, step_id, status FROM step_runs WHERE org_id = ? AND id = ?" + tx.dialect().forUpdate(),
                row -> new LockedStepRun(row.string("execution_id"), row.string("step_id"), row.string("status")), orgId, stepRunId);
    }

    record LockedStepRun(String executionId, String stepId, String status) {
        boolean goesOn() {
            return status.equals("pending") || status.equals("running") || status.equals("waiting");
        }
    }

    Optional<String> status(Sql sql, String orgId, String id) {
        return sql.one("SELECT status FROM executions WHERE org_id = ? AND id = ?", row -> row.string("status"), orgId, id);
    }

    boolean exists(Sql sql, String orgId, String id) {
        return sql.count("SELECT COUNT(*) AS n FROM executions WHERE org_id = ? AND id = ?", orgId, id) > 0;
    }

    public Optional<Execution> find(Sql sql, String orgId, String id) {
        return sql.one("SELECT * FROM executions WHERE org_id = ? AND id = ?", ExecutionRepository::map, orgId, id);
    }

    /** Newest first; the cursor is the last id seen. */
    Page<Execution> list(Sql sql, String orgId, ExecutionFilter filter, PageRequest page) {
        Where where = matching(orgId, filter).and("id < ?", page.after());
        List<Execution> rows = sql.list("SELECT * FROM executions" + where.sql() + " ORDER BY id DESC LIMIT ?",
                ExecutionRepository::map, where.params(page.fetchSize()));
        return Page.of(rows, page.limit(), Execution::id);
    }

    private static final String STATS_COLUMNS = """
            COUNT(*) AS total,
            COALESCE(SUM(CASE WHEN status = 'running' THEN 1 ELSE 0 END), 0) AS running,
            COALESCE(SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END), 0) AS completed,
            COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) AS failed,
            COALESCE(SUM(CASE WHEN status = 'paused' THEN 1 ELSE 0 END), 0) AS paused,
            COALESCE(SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END), 0) AS cancelled,
            AVG(CASE WHEN completed_at IS NOT NULL THEN completed_at - started_at END) AS avg_duration_ms,
            COALESCE(SUM(tokens_in), 0) AS tokens_in,
            COALESCE(SUM(tokens_out), 0) AS tokens_out,
            COALESCE(SUM(cost_usd), 0) AS cost_usd""";

    ExecutionStats stats(Sql sql, String orgId, ExecutionFilter filter) {
        Where where = matching(orgId, filter);
        return sql.one("SELECT " + STATS_COLUMNS + " FROM executions" + where.sql(), ExecutionRepository::stats,
                where.params()).orElseThrow();
    }

    /** The statistics of each version of the workflows matching {@code filter} that has executions, by version. */
    List<VersionStats> statsByVersion(Sql sql, String orgId, ExecutionFilter filter) {
        Where where = matching(orgId, filter);
        return sql.list("SELECT workflow_version, " + STATS_COLUMNS + " FROM executions" + where.sql()
                        + " GROUP BY workflow_version ORDER BY workflow_version",
                row -> new VersionStats(row.intValue("workflow_version"), stats(row)), where.params());
    }

    private static ExecutionStats stats(Row row) throws SQLException {
        ExecutionStats.ByStatus byStatus = new ExecutionStats.ByStatus(row.longValue("running"),
                row.longValue("completed"), row.longValue("failed"), row.longValue("paused"), row.longValue("cancelled"));
        return new ExecutionStats(row.longValue("total"), byStatus, ExecutionStats.errorRate(byStatus),
                row.nullableDouble("avg_duration_ms"), row.longValue("tokens_in"), row.longValue("tokens_out"),
                row.doubleValue("cost_usd"));
    }

    private static Where matching(String orgId, ExecutionFilter filter) {
        return new Where()
                .and("org_id = ?", orgId)
                .and("workflow_name = ?", filter.workflow())
                .and("agent_id = ?", filter.agentId())
                .and("status = ?", filter.status())
                .and("started_at >= ?", filter.from() == null ? null : filter.from().toEpochMilli())
                .and("started_at < ?", filter.to() == null ? null : filter.to().toEpochMilli());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static Execution map(Row row) throws SQLException {
        Instant startedAt = row.instant("started_at");
        Instant completedAt = row.instant("completed_at");
        return new Execution(row.string("id"), row.string("workflow_id"), row.string("workflow_name"),
                row.intValue("workflow_version"), row.string("agent_id"), row.string("status"), row.json("input"),
                row.json("output"), row.string("error"), row.longValue("tokens_in"), row.longValue("tokens_out"),
                row.doubleValue("cost_usd"), startedAt, completedAt,
                completedAt == null ? null : completedAt.toEpochMilli() - startedAt.toEpochMilli());
    }
}
