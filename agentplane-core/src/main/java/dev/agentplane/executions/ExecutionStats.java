package dev.agentplane.executions;

/** Aggregates over every execution matching a filter. */
public record ExecutionStats(long total, ByStatus byStatus, double errorRate, Double avgDurationMs, long tokensIn,
                             long tokensOut, double costUsd) {

    public record ByStatus(long running, long completed, long failed, long paused, long cancelled) {}

    /** error_rate is failed / (completed + failed), and 0 while nothing has finished. */
    static double errorRate(ByStatus byStatus) {
        long finished = byStatus.completed() + byStatus.failed();
        return finished == 0 ? 0 : (double) byStatus.failed() / finished;
    }
}
