package dev.agentplane.workflows.definition;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a failing step is tried and how long to wait in between: exponential backoff from
 * {@code initialInterval}, multiplied each attempt, capped at {@code maxInterval}, with full jitter between half
 * and all of it. {@code retryOn} lists the error codes worth retrying (empty: every retryable error).
 */
public record RetryPolicy(int maxAttempts, Duration initialInterval, Duration maxInterval, double multiplier,
                          List<String> retryOn) {
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofMinutes(1), 2, List.of());

    public boolean allowsAnotherAttempt(int attemptsSoFar, String errorCode) {
        return attemptsSoFar < maxAttempts && (retryOn.isEmpty() || retryOn.contains(errorCode));
    }

    /** The wait before attempt {@code nextAttempt} (2 or more). */
    public Duration backoffBefore(int nextAttempt) {
        double millis = initialInterval.toMillis() * Math.pow(multiplier, nextAttempt - 2);
        long capped = (long) Math.min(millis, maxInterval.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
