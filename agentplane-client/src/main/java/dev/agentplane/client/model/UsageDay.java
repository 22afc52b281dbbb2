package dev.agentplane.client.model;

/** Usage of one day (UTC). */
public record UsageDay(
        String day,
        Long apiCalls,
        Long executionsStarted,
        Long stepsRun,
        Long tokensIn,
        Long tokensOut,
        Double costUsd) {
}
