package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A question for a human. */
public record Escalation(
        String id,
        String reason,
        JsonNode context,
        String priority,
        String status,
        String assignedTo,
        String executionId,
        String agentId,
        JsonNode resolution,
        String resolvedBy,
        String dismissReason,
        Instant createdAt,
        Instant updatedAt,
        Instant resolvedAt) {
}
