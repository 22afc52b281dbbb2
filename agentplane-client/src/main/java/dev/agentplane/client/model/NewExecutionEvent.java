package dev.agentplane.client.model;

/** An event to record on an execution. */
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
