package dev.agentplane.executions;

import dev.agentplane.common.problems.FieldErrors;

/** Tokens and cost reported by an agent; each part may be absent. */
public record Usage(Long tokensIn, Long tokensOut, Double costUsd) {

    public boolean isEmpty() {
        return tokensIn == null && tokensOut == null && costUsd == null;
    }

    public FieldErrors validate(FieldErrors errors) {
        errors.nonNegative("/tokens_in", tokensIn).nonNegative("/tokens_out", tokensOut).nonNegative("/cost_usd", costUsd);
        if (costUsd != null && (costUsd.isNaN() || costUsd.isInfinite())) {
            errors.add("/cost_usd", "is not a finite number", "pass the cost in US dollars, e.g. 0.0123");
        }
        return errors;
    }
}
