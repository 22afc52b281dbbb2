package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Why an externally driven execution failed, with the model usage it had. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FailExecution(
        String error,
        Object output,
        Long tokensIn,
        Long tokensOut,
        Double costUsd) {

    public static FailExecution of(String error) {
        return new FailExecution(error, null, null, null, null);
    }
}
