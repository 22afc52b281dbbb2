package dev.agentplane.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A question or problem raised to a human. Moves {@code open → in_progress} when someone claims it, and from
 * either of those to {@code resolved} or {@code dismissed}.
 */
public record Escalation(String id, String reason, JsonNode context, String priority, String status,
                         String assignedTo, String executionId, String agentId, JsonNode resolution,
                         String resolvedBy, String dismissReason, Instant createdAt, Instant updatedAt,
                         Instant resolvedAt) {
    public static final String OPEN = "open";
    public static final String IN_PROGRESS = "in_progress";
    public static final String RESOLVED = "resolved";
    public static final String DISMISSED = "dismissed";
    public static final List<String> STATUSES = List.of(OPEN, IN_PROGRESS, RESOLVED, DISMISSED);
    /** The statuses from which an escalation can still be claimed, resolved or dismissed. */
    static final List<String> UNFINISHED = List.of(OPEN, IN_PROGRESS);

    /** The longest reason or dismiss reason accepted. */
    public static final int MAX_REASON_LENGTH = 10_000;
    /** The longest assignee or resolver name accepted. */
    public static final int MAX_NAME_LENGTH = 200;

    public static final String DEFAULT_PRIORITY = "medium";
    public static final List<String> PRIORITIES = List.of("low", DEFAULT_PRIORITY, "high", "urgent");
}
