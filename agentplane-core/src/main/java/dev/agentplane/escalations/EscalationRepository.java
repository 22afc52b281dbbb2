package dev.agentplane.escalations;

import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.store.Row;
import dev.agentplane.store.Sql;
import dev.agentplane.store.Where;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of escalations; every statement is confined to one organization. Each transition names the statuses
 * it leaves in its WHERE clause, so of two racing callers exactly one changes the row.
 */
final class EscalationRepository {
    private static final String UNFINISHED = "status IN ('" + String.join("', '", Escalation.UNFINISHED) + "')";

    void insert(Sql tx, String orgId, Escalation escalation) {
        tx.update("""
                INSERT INTO escalations (id, org_id, reason, context, priority, status, assigned_to, execution_id,
                                         agent_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                escalation.id(), orgId, escalation.reason(), Sql.json(escalation.context()), escalation.priority(),
                escalation.status(), escalation.assignedTo(), escalation.executionId(), escalation.agentId(),
                escalation.createdAt().toEpochMilli(), escalation.updatedAt().toEpochMilli());
    }

    void linkToStep(Sql tx, String id, String stepRunId) {
        tx.update("UPDATE escalations SET step_run_id = ? WHERE id = ?", stepRunId, id);
    }

    Optional<Escalation> findByStepRun(Sql sql, String orgId, String stepRunId) {
        return sql.one("SELECT * FROM escalations WHERE org_id = ? AND step_run_id = ?", EscalationRepository::map, orgId, stepRunId);
    }

    Optional<String> stepRunOf(Sql sql, String orgId, String id) {
        return sql.one("SELECT step_run_id FROM escalations WHERE org_id = ? AND id = ?", row -> row.string("step_run_id"), orgId, id);
    }

    /** Moves an open escalation to in_progress; a null assignee keeps the current one. */
    boolean claim(Sql tx, String orgId, String id, String assignedTo, Instant now) {
        return tx.update("""
                UPDATE escalations SET status = ?, assigned_to = COALESCE(?, assigned_to), updated_at = ?
                WHERE org_id = ? AND id = ? AND status = ?""",
                Escalation.IN_PROGRESS, assignedTo, now.toEpochMilli(), orgId, id, Escalation.OPEN) == 1;
    }

    boolean resolve(Sql tx, String orgId, String id, ResolveEscalation resolution, String resolvedBy, Instant now) {
        return tx.update("""
                UPDATE escalations SET status = ?, resolution = ?, resolved_by = ?, resolved_at = ?, updated_at = ?
                WHERE org_id = ? AND id = ? AND\s""" + UNFINISHED,
                Escalation.RESOLVED, Sql.json(resolution.resolution()), resolvedBy, now.toEpochMilli(),
                now.toEpochMilli(), orgId, id) == 1;
    }

    boolean dismiss(Sql tx, String orgId, String id, String reason, Instant now) {
        return tx.update("""
                UPDATE escalations SET status = ?, dismiss_reason = ?, updated_at = ?
                WHERE org_id = ? AND id = ? AND\s""" + UNFINISHED,
                Escalation.DISMISSED, reason, now.toEpochMilli(), orgId, id) == 1;
    }

    /** Dismisses the unfinished escalations approval steps of execution {@code executionId} opened. */
    void dismissOpenedByStepsOf(Sql tx, String executionId, String reason, Instant now) {
        tx.update("""
                UPDATE escalations SET status = ?, dismiss_reason = ?, updated_at = ?
                WHERE step_run_id IN (SELECT id FROM step_runs WHERE execution_id = ?) AND\s""" + UNFINISHED,
                Escalation.DISMISSED, reason, now.toEpochMilli(), executionId);
    }

    /** Dismisses the unfinished escalations step runs {@code stepRunIds} opened. */
    void dismissOpenedBySteps(Sql tx, List<String> stepRunIds, String reason, Instant now) {
        List<Object> params = new java.util.ArrayList<>(List.of(Escalation.DISMISSED, reason, now.toEpochMilli()));
        params.addAll(stepRunIds);
        tx.update("""
                UPDATE escalations SET status = ?, dismiss_reason = ?, updated_at = ?
                WHERE step_run_id IN (%s) AND\s""".formatted(Sql.placeholders(stepRunIds.size())) + UNFINISHED,
                params.toArray());
    }

    Optional<Escalation> find(Sql sql, String orgId, String id) {
        return sql.one("SELECT * FROM escalations WHERE org_id = ? AND id = ?", EscalationRepository::map, orgId, id);
    }

    /** Escalations matching {@code filter}; with {@code openedByAgent}, only those that agent opened. */
    Page<Escalation> list(Sql sql, String orgId, EscalationFilter filter, String openedByAgent, PageRequest page) {
        Where where = new Where()
                .and("org_id = ?", orgId)
                .and("agent_id = ?", openedByAgent)
                .and("status = ?", filter.status())
                .and("priority = ?", filter.priority())
                .and("assigned_to = ?", filter.assignedTo())
                .and("id < ?", page.after());
        List<Escalation> rows = sql.list("SELECT * FROM escalations" + where.sql() + " ORDER BY id DESC LIMIT ?",
                EscalationRepository::map, where.params(page.fetchSize()));
        return Page.of(rows, page.limit(), Escalation::id);
    }

    private static Escalation map(Row row) throws SQLException {
        return new Escalation(row.string("id"), row.string("reason"), row.json("context"), row.string("priority"),
                row.string("status"), row.string("assigned_to"), row.string("execution_id"), row.string("agent_id"),
                row.json("resolution"), row.string("resolved_by"), row.string("dismiss_reason"),
                row.instant("created_at"), row.instant("updated_at"), row.instant("resolved_at"));
    }
}
