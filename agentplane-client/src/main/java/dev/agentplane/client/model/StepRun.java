package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One attempt of one step of an execution. */
public record StepRun(
        String id,
        String stepId,
        String scope,
        String parentRunId,
        String block,
        String status,
        Integer attempt,
        JsonNode output,
        String errorCode,
        String error,
        Instant dueAt,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt) {
}
