package dev.agentplane.llm;

import java.time.Duration;
import java.util.Locale;

/**
 * A model call that failed, with a message that says what to fix. {@code status} is the provider's HTTP status
 * (null when there was no answer) and {@code retryAfter} the wait it asked for (null when it did not).
 */
public class LlmException extends RuntimeException {

    public enum Kind {
        /** The provider refused the API key (401/403). */
        AUTHENTICATION,
        /** Too many requests (429), still so after the retries. */
        RATE_LIMITED,
        /** The provider failed (5xx) or could not be reached, still so after the retries. */
        UNAVAILABLE,
        /** The request is wrong: bad parameters, a model the provider or the configuration does not know. */
        INVALID_REQUEST,
        /** No answer within the configured timeout. */
        TIMEOUT,
        /** The provider answered something that is not a valid response. */
        INVALID_RESPONSE;

        /** The name used in APIs and logs, e.g. {@code rate_limited}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String provider;
    private final Integer status;
    private final Duration retryAfter;
    private final boolean retryable;

    public LlmException(Kind kind, String provider, Integer status, Duration retryAfter, boolean retryable,
                        String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.provider = provider;
        this.status = status;
        this.retryAfter = retryAfter;
        this.retryable = retryable;
    }

    public LlmException(Kind kind, String provider, String message) {
        this(kind, provider, null, null, false, message, null);
    }

    public Kind kind() { return kind; }
    public String provider() { return provider; }
    public Integer status() { return status; }
    public Duration retryAfter() { return retryAfter; }

    /**
     * Whether another attempt may succeed (rate limits, provider failures, unreachable servers). The call has
     * already retried; a caller with its own retries (a workflow step) may try again later.
     */
    public boolean retryable() {
        return retryable;
    }

    LlmException withMessage(String message) {
        return new LlmException(kind, provider, status, retryAfter, retryable, message, getCause());
    }
}
