package dev.agentplane.events;

import com.fasterxml.jackson.databind.JsonNode;

/** An event posted under its execution's path; the path supplies the execution id. */
public record NewExecutionEvent(String agentId, String type, String message, JsonNode data, Long tokensIn,
                                Long tokensOut, Double costUsd) {

    public NewEvent forExecution(String executionId) {
        return new NewEvent(executionId, agentId, type, message, data, tokensIn, tokensOut, costUsd);
    }
}
