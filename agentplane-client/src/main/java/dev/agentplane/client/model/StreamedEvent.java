package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** An event from the organization stream, with the {@code cursor} to resume after it. */
public record StreamedEvent(
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
        Instant createdAt,
        String cursor) {
}
