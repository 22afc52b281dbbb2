package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Work of a {@code task} step for an external agent. */
public record Task(
        String id,
        String executionId,
        String stepId,
        Integer attempt,
        String capability,
        JsonNode input,
        String status,
        String claimedBy,
        Integer claims,
        Instant leaseExpiresAt,
        JsonNode output,
        String error,
        Instant createdAt,
        Instant claimedAt,
        Instant completedAt) {
}
