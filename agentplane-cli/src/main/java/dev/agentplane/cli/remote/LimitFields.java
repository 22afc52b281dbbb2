package dev.agentplane.cli.remote;

import dev.agentplane.client.model.OrgLimits;
import java.util.Map;
import picocli.CommandLine.Option;

/** Monthly limits and per-operation rate limits, as options. */
final class LimitFields {
    @Option(names = "--monthly-executions", paramLabel = "N") Long monthlyExecutions;
    @Option(names = "--monthly-tokens", paramLabel = "N") Long monthlyTokens;
    @Option(names = "--monthly-cost-usd", paramLabel = "USD") Double monthlyCostUsd;
    @Option(names = "--rate-limit", paramLabel = "ROLE=PER_MINUTE", description = "Requests a minute per key of a role, e.g. agent=600; repeat for several.")
    Map<String, Integer> rateLimits;

    OrgLimits toLimits() {
        return new OrgLimits(monthlyExecutions, monthlyTokens, monthlyCostUsd, rateLimits);
    }
}
