package dev.agentplane.executions.engine;

import java.time.Duration;

/**
 * How a node runs steps: at most {@code workers} at once, claimed {@code batch} at a time, each leased for
 * {@code lease} (renewed while it runs), and looking for due work at least every {@code pollInterval}.
 */
public record EngineSettings(int workers, int batch, Duration lease, Duration pollInterval) {
    public static EngineSettings defaults() {
        return new EngineSettings(64, 32, Duration.ofSeconds(30), Duration.ofMillis(500));
    }

    public EngineSettings withWorkers(int newWorkers) {
        return new EngineSettings(newWorkers, batch, lease, pollInterval);
    }

    public EngineSettings withLease(Duration newLease) {
        return new EngineSettings(workers, batch, newLease, pollInterval);
    }
}
