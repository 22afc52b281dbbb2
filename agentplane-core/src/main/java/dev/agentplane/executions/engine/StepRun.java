package dev.agentplane.executions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import dev.agentplane.executions.ExecutionStep;
import java.util.List;

/**
 * One invocation of a step: where it sits (its scope, the container run and block it belongs to, its position in
 * that block), which attempt it is, and what came of it. {@code state} is the step's own bookkeeping across claims
 * (a sleep's wake time, a foreach's items and progress).
 */
public record StepRun(String id, String orgId, String executionId, String stepId, String scope, String parentRunId,
                      String block, int position, int attempt, String status, JsonNode input, JsonNode output,
                      String error, String errorCode, JsonNode state, long availableAt, long version,
                      Instant createdAt, Instant startedAt, Instant completedAt) {
    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    /** A container waiting for its blocks, or a step waiting for something outside (an approval, a task). */
    public static final String WAITING = "waiting";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String CANCELLED = "cancelled";
    public static final List<String> ACTIVE = List.of(PENDING, RUNNING, WAITING);

    public ExecutionStep view() {
        return new ExecutionStep(id, stepId, scope, parentRunId, block, status, attempt, output, errorCode, error,
                Instant.ofEpochMilli(availableAt), createdAt, startedAt, completedAt);
    }

    public boolean isActive() {
        return ACTIVE.contains(status);
    }
}
