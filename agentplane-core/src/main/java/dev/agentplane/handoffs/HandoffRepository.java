package dev.agentplane.handoffs;

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
 * The SQL of handoffs; every statement is confined to one organization. Each transition names the status it
 * leaves in its WHERE clause, so of two racing callers exactly one changes the row.
 */
final class HandoffRepository {

    void insert(Sql tx, String orgId, Handoff handoff) {
        tx.update("""
                INSERT INTO handoffs (id, org_id, from_agent_id, to_agent_id, to_capability, status, reason, context,
                                      execution_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                handoff.id(), orgId, handoff.fromAgentId(), handoff.toAgentId(), handoff.toCapability(),
                handoff.status(), handoff.reason(), Sql.json(handoff.context()), handoff.executionId(),
                handoff.createdAt().toEpochMilli(), handoff.updatedAt().toEpochMilli());
    }

    void linkToStep(Sql tx, String id, String stepRunId) {
        tx.update("UPDATE handoffs SET step_run_id = ? WHERE id = ?", stepRunId, id);
    }

    Optional<Handoff> findByStepRun(Sql sql, String orgId, String stepRunId) {
        return sql.one("SELECT * FROM handoffs WHERE org_id = ? AND step_run_id = ?", HandoffRepository::map, orgId, stepRunId);
    }

    Optional<String> stepRunOf(Sql sql, String orgId, String id) {
        return sql.one("SELECT step_run_id FROM handoffs WHERE org_id = ? AND id = ?", row -> row.string("step_run_id"), orgId, id);
    }

    boolean accept(Sql tx, String orgId, String id, String acceptedBy, Instant now) {
        return tx.update("""
                UPDATE handoffs SET status = ?, accepted_by = ?, accepted_at = ?, updated_at = ?
                WHERE org_id = ? AND id = ? AND status = ?""",
                Handoff.ACCEPTED, acceptedBy, now.toEpochMilli(), now.toEpochMilli(), orgId, id, Handoff.PENDING) == 1;
    }

    boolean reject(Sql tx, String orgId, String id, String reason, Instant now) {
        return tx.update("""
                UPDATE handoffs SET status = ?, rejection_reason = ?, updated_at = ?
                WHERE org_id = ? AND id = ? AND status = ?""",
                Handoff.REJECTED, reason, now.toEpochMilli(), orgId, id, Handoff.PENDING) == 1;
    }

    boolean complete(Sql tx, String orgId, String id, CompleteHandoff completion, Instant now) {
        return tx.update("""
                UPDATE handoffs SET status = ?, result = ?, completed_at = ?, updated_at = ?
                WHERE org_id = ? AND id = ? AND status = ?""",
                Handoff.COMPLETED, Sql.json(completion.result()), now.toEpochMilli(), now.toEpochMilli(),
                orgId, id, Handoff.ACCEPTED) == 1;
    }

    /** Rejects the pending handoffs handoff steps of execution {@code executionId} opened. */
    void rejectPendingOpenedByStepsOf(Sql tx, String executionId, String reason, Instant now) {
        tx.update("""
                UPDATE handoffs SET status = ?, rejection_reason = ?, updated_at = ?
                WHERE step_run_id IN (SELECT id FROM step_runs WHERE execution_id = ?) AND status = ?""",
                Handoff.REJECTED, reason, now.toEpochMilli(), executionId, Handoff.PENDING);
    }

    /** Rejects the pending handoffs step runs {@code stepRunIds} opened. */
    void rejectPendingOpenedBySteps(Sql tx, List<String> stepRunIds, String reason, Instant now) {
        List<Object> params = new java.util.ArrayList<>(List.of(Handoff.REJECTED, reason, now.toEpochMilli()));
        params.addAll(stepRunIds);
        params.add(Handoff.PENDING);
        tx.update("""
                UPDATE handoffs SET status = ?, rejection_reason = ?, updated_at = ?
                WHERE step_run_id IN (%s) AND status = ?""".formatted(Sql.placeholders(stepRunIds.size())), params.toArray());
    }

    Optional<Handoff> find(Sql sql, String orgId, String id) {
        return sql.one("SELECT * FROM handoffs WHERE org_id = ? AND id = ?", HandoffRepository::map, orgId, id);
    }

    /** Handoffs matching {@code filter}; with {@code visibleToAgent}, only those {@link Handoff#visibleTo} it. */
    Page<Handoff> list(Sql sql, String orgId, HandoffFilter filter, String visibleToAgent, PageRequest page) {
        Where where = new Where()
                .and("h.org_id = ?", orgId)
                .and("""
                        (h.from_agent_id = ? OR h.to_agent_id = ? OR h.accepted_by = ?
                         OR (h.to_agent_id IS NULL AND h.accepted_by IS NULL))""",
                        visibleToAgent, visibleToAgent, visibleToAgent)
                .and("h.from_agent_id = ?", filter.fromAgentId())
                .and("h.to_agent_id = ?", filter.toAgentId())
                .and("h.status = ?", filter.status())
                .and("h.to_capability = ?", filter.capability())
                .and("""
                        EXISTS (SELECT 1 FROM executions e
                                WHERE e.workflow_name = ? AND e.org_id = h.org_id AND e.id = h.execution_id)""",
                        filter.workflow())
                .and("h.id < ?", page.after());
        List<Handoff> rows = sql.list("SELECT h.* FROM handoffs h" + where.sql() + " ORDER BY h.id DESC LIMIT ?",
                HandoffRepository::map, where.params(page.fetchSize()));
        return Page.of(rows, page.limit(), Handoff::id);
    }

    private static Handoff map(Row row) throws SQLException {
        return new Handoff(row.string("id"), row.string("from_agent_id"), row.string("to_agent_id"),
                row.string("to_capability"), row.string("status"), row.string("reason"), row.json("context"),
                row.json("result"), row.string("rejection_reason"), row.string("execution_id"),
                row.string("accepted_by"), row.instant("created_at"), row.instant("updated_at"),
                row.instant("accepted_at"), row.instant("completed_at"));
    }
}
