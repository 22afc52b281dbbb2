package dev.agentplane.executions;

import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.usage.UsageCounts;

/**
 * Tokens and cost reported by an agent; each part may be absent. The caps keep one report from overflowing the
 * execution's totals (BIGINT, DOUBLE PRECISION): it would take millions of maximal reports to reach the limits.
 */
public record Usage(Long tokensIn, Long tokensOut, Double costUsd) {
    public static final long MAX_TOKENS = 1_000_000_000_000L;
    public static final double MAX_COST_USD = 1_000_000_000;

    /** As metered usage. */
    public UsageCounts counts() {
        return UsageCounts.llm(orZero(tokensIn), orZero(tokensOut), costUsd == null ? 0 : costUsd);
    }

    /**
     * What these totals, reported when an execution ends, add to what its events already reported: totals only
     * ever raise the meter (totals lower than the events' sum are corrections the meter keeps as they were).
     */
    public UsageCounts beyond(Execution reportedSoFar) {
        return UsageCounts.llm(
                Math.max(0, tokensIn == null ? 0 : tokensIn - reportedSoFar.tokensIn()),
                Math.max(0, tokensOut == null ? 0 : tokensOut - reportedSoFar.tokensOut()),
                Math.max(0, costUsd == null ? 0 : costUsd - reportedSoFar.costUsd()));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    public boolean isEmpty() {
        return tokensIn == null && tokensOut == null && costUsd == null;
    }

    public FieldErrors validate(FieldErrors errors) {
        String fewerTokens = "report the tokens of one call or execution; at most " + MAX_TOKENS + " per request";
        errors.nonNegative("/tokens_in", tokensIn).atMost("/tokens_in", tokensIn, MAX_TOKENS, fewerTokens)
                .nonNegative("/tokens_out", tokensOut).atMost("/tokens_out", tokensOut, MAX_TOKENS, fewerTokens)
                .nonNegative("/cost_usd", costUsd);
        if (costUsd != null && (costUsd.isNaN() || costUsd.isInfinite())) {
            errors.add("/cost_usd", "is not a finite number", "pass the cost in US dollars, e.g. 0.0123");
        } else {
            errors.atMost("/cost_usd", costUsd, MAX_COST_USD, "pass the cost in US dollars, e.g. 0.0123");
        }
        return errors;
    }
}
