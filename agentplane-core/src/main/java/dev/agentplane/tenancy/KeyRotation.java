package dev.agentplane.tenancy;

import dev.agentplane.common.problems.FieldErrors;
import java.time.Duration;

/** A request to rotate a key: how long the old key keeps working next to the new one. */
public record KeyRotation(Long graceSeconds) {
    static final long DEFAULT_GRACE_SECONDS = Duration.ofHours(1).toSeconds();
    static final long MAX_GRACE_SECONDS = Duration.ofDays(30).toSeconds();

    public void validate() {
        FieldErrors errors = new FieldErrors()
                .nonNegative("/grace_seconds", graceSeconds)
                .atMost("/grace_seconds", graceSeconds, MAX_GRACE_SECONDS,
                        "pass at most " + MAX_GRACE_SECONDS + " seconds (30 days)");
        errors.throwIfAny();
    }

    long graceOrDefault() {
        return graceSeconds == null ? DEFAULT_GRACE_SECONDS : graceSeconds;
    }
}
