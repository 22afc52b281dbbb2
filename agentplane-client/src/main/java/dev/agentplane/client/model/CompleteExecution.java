package dev.agentplane.client.model;

/** How an externally driven execution completed, with the model usage it had. */
public record CompleteExecution(
        Object output,
        Long tokensIn,
        Long tokensOut,
        Double costUsd) {

    public static CompleteExecution of(Object output) {
        return new CompleteExecution(output, null, null, null);
    }
}
