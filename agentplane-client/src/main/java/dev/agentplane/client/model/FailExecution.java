package dev.agentplane.client.model;

/** Why an externally driven execution failed, with the model usage it had. */
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
