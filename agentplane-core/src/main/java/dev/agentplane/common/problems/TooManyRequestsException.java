package dev.agentplane.common.problems;

import java.util.List;
import java.util.Map;

/** A 429: the caller may try again after {@code retryAfterSeconds} (sent as Retry-After). */
public class TooManyRequestsException extends ProblemException {
    private final long retryAfterSeconds;

    public TooManyRequestsException(String type, String title, String detail, Map<String, Object> extensions,
                                    long retryAfterSeconds) {
        super(429, type, title, detail, List.of(), extensions);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
