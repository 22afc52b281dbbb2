package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Work handed from one agent to another agent or to a capability. */
public record Handoff(
        String id,
        String fromAgentId,
        String toAgentId,
        String toCapability,
        String status,
        String reason,
        JsonNode context,
        JsonNode result,
        String rejectionReason,
        String executionId,
        String acceptedBy,
        Instant createdAt,
        Instant updatedAt,
        Instant acceptedAt,
        Instant completedAt) {
}
