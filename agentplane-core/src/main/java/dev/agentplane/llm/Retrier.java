package dev.agentplane.llm;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Runs attempts of one call: retries what {@link LlmException#retryable()} allows, waiting what the provider asked
 * (Retry-After) or an exponential backoff with jitter (1 s, 2 s, 4 s ... up to 30 s, each between half and all of it).
 */
final class Retrier {
    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A provider asking for a longer wait gets an error at once: holding a call open that long helps no one. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    interface Attempt<T> {
        T run() throws InterruptedException;
    }

    private final int maxAttempts;
    private final LlmRuntime runtime;

    Retrier(int maxAttempts, LlmRuntime runtime) {
        this.maxAttempts = maxAttempts;
        this.runtime = runtime;
    }

    /** {@code mayRetry} is asked after a failure, e.g. a stream that already delivered text must not start over. */
    <T> T call(Attempt<T> attempt, BooleanSupplier mayRetry) throws InterruptedException {
        for (int number = 1; ; number++) {
            try {
                return attempt.run();
            } catch (LlmException e) {
                if (!e.retryable() || !mayRetry.getAsBoolean()) {
                    throw e;
                }
                if (number == maxAttempts) {
                    throw maxAttempts == 1 ? e : e.withMessage(e.getMessage() + " (gave up after " + maxAttempts
                            + " attempts; max_retries sets how many)");
                }
                if (e.retryAfter() != null && e.retryAfter().compareTo(MAX_RETRY_AFTER) > 0) {
                    throw e.withMessage(e.getMessage() + " (the provider asks to wait " + e.retryAfter().toSeconds()
                            + " s before retrying, longer than a call waits: try again later)");
                }
                runtime.sleeper().sleep(wait(e, number));
            }
        }
    }

    private Duration wait(LlmException failure, int attempt) {
        if (failure.retryAfter() != null) {
            return failure.retryAfter();
        }
        long base = Math.min(MAX_BACKOFF.toMillis(), INITIAL_BACKOFF.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(Math.round(base * (0.5 + 0.5 * runtime.jitter().getAsDouble())));
    }
}
