package dev.agentplane.executions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One run of a pinned workflow version, with what it consumed and how it ended. */
public record Execution(String id, String workflowId, String workflowName, int workflowVersion, String agentId,
                        String status, JsonNode input, JsonNode output, String error, long tokensIn, long tokensOut,
                        double costUsd, Instant startedAt, Instant completedAt, Long durationMs) {
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    /** Running, but its steps are not claimed until it is resumed (steps already running finish). */
    public static final String PAUSED = "paused";

    /** An execution named across orgs, for the engine's own sweeps. */
    public record Ref(String orgId, String id) {}
}
