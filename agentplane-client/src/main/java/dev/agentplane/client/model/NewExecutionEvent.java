package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An event to record on an execution. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewExecutionEvent(
        String agentId,
        String type,
        String message,
        Object data,
        Long tokensIn,
        Long tokensOut,
        Double costUsd) {

    public static NewExecutionEvent of(String type, Object data) {
        return new NewExecutionEvent(null, type, null, data, null, null, null);
    }
}
