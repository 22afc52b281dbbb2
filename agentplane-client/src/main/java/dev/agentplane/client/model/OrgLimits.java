package dev.agentplane.client.model;

import java.util.Map;

/** Monthly limits of an organization; null means unlimited (or not set). */
public record OrgLimits(
        Long monthlyExecutions,
        Long monthlyTokens,
        Double monthlyCostUsd,
        Map<String,Integer> rateLimitsPerMinute) {
}
