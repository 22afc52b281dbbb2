package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** An event of an execution (or of the organization when {@code executionId} is null). */
public record Event(
        String id,
        String executionId,
        Long seq,
        String agentId,
        String type,
        String message,
        JsonNode data,
        Long tokensIn,
        Long tokensOut,
        Double costUsd,
        Instant createdAt) {
}
