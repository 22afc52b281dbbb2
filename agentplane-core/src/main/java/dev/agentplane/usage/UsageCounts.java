package dev.agentplane.usage;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** What an org used over some period; also the increment one piece of work adds. */
public record UsageCounts(long apiCalls, long executionsStarted, long stepsRun, long tokensIn, long tokensOut,
                          double costUsd) {
    public static final UsageCounts ZERO = new UsageCounts(0, 0, 0, 0, 0, 0);

    public static UsageCounts apiCalls(long n) {
        return new UsageCounts(n, 0, 0, 0, 0, 0);
    }

    public static UsageCounts executionStarted() {
        return new UsageCounts(0, 1, 0, 0, 0, 0);
    }

    public static UsageCounts stepRun() {
        return stepsRun(1);
    }

    public static UsageCounts stepsRun(long n) {
        return new UsageCounts(0, 0, n, 0, 0, 0);
    }

    public static UsageCounts llm(long tokensIn, long tokensOut, double costUsd) {
        return new UsageCounts(0, 0, 0, tokensIn, tokensOut, costUsd);
    }

    public UsageCounts plus(UsageCounts other) {
        return new UsageCounts(apiCalls + other.apiCalls, executionsStarted + other.executionsStarted,
                stepsRun + other.stepsRun, tokensIn + other.tokensIn, tokensOut + other.tokensOut, costUsd + other.costUsd);
    }

    @JsonIgnore
    public long tokens() {
        return tokensIn + tokensOut;
    }

    @JsonIgnore
    public boolean isZero() {
        return equals(ZERO);
    }
}
