package dev.agentplane.client.model;

/** Usage counters of a period. */
public record UsageCounts(
        Long apiCalls,
        Long executionsStarted,
        Long stepsRun,
        Long tokensIn,
        Long tokensOut,
        Double costUsd) {
}
