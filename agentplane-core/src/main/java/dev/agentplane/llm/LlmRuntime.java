package dev.agentplane.llm;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * What model calls need from the world: a sleeper for retry waits, a clock (for Retry-After dates) and a source
 * of jitter in [0, 1). Tests replace all three to assert the waits exactly.
 */
public record LlmRuntime(Sleeper sleeper, Clock clock, DoubleSupplier jitter) {
    public LlmRuntime {
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(jitter, "jitter");
    }

    public static LlmRuntime system() {
        return new LlmRuntime(Sleeper.SYSTEM, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }
}
