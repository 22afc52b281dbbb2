package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A run of a workflow version. */
public record Execution(
        String id,
        String workflowId,
        String workflowName,
        Integer workflowVersion,
        String agentId,
        String status,
        JsonNode input,
        JsonNode output,
        String error,
        Long tokensIn,
        Long tokensOut,
        Double costUsd,
        Instant startedAt,
        Instant completedAt,
        Long durationMs) {
}
