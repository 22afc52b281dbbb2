package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An event to record on an execution, from the organization-level endpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
