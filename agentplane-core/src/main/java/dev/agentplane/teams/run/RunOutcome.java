package dev.agentplane.teams.run;

import java.math.BigDecimal;

/** How a run ended, with what it used: {@code steps} model calls, their tokens and cost (null cost: a price unknown). */
public record RunOutcome(String status, String result, String reason, int steps, long tokensIn, long tokensOut,
                         BigDecimal costUsd) {
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    public boolean completed() {
        return status.equals(COMPLETED);
    }
}
