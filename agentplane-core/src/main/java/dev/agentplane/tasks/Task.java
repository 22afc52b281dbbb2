package dev.agentplane.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Work a workflow's {@code task} step offers to external agents: any agent with {@code capability} may claim it
 * (with a lease it renews by heartbeat), then completes or fails it, which wakes the step.
 */
public record Task(String id, String executionId, String stepId, int attempt, String capability, JsonNode input,
                   String status, String claimedBy, int claims, Instant leaseExpiresAt, JsonNode output, String error,
                   Instant createdAt, Instant claimedAt, Instant completedAt) {
    public static final String OPEN = "open";
    public static final String CLAIMED = "claimed";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    public static final List<String> STATUSES = List.of(OPEN, CLAIMED, COMPLETED, FAILED, CANCELLED);
}
