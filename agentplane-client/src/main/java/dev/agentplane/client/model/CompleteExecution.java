package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How an externally driven execution completed, with the model usage it had. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompleteExecution(
        Object output,
        Long tokensIn,
        Long tokensOut,
        Double costUsd) {

    public static CompleteExecution of(Object output) {
        return new CompleteExecution(output, null, null, null);
    }
}
