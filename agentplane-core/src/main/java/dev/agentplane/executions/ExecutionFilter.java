package dev.agentplane.executions;

import java.time.Instant;

/** Filters of execution lists and statistics; {@code from} and {@code to} bound {@code started_at} as [from, to). */
public record ExecutionFilter(String workflow, String agentId, String status, Instant from, Instant to) {
    public static ExecutionFilter none() {
        return new ExecutionFilter(null, null, null, null, null);
    }
}
