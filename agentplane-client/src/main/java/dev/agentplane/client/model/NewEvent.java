package dev.agentplane.client.model;

/** An event to record on an execution, from the organization-level endpoint. */
public record NewEvent(
        String executionId,
        String agentId,
        String type,
        String message,
        Object data,
        Long tokensIn,
        Long tokensOut,
        Double costUsd) {
}
