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
}
