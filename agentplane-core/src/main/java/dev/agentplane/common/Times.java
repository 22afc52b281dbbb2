package dev.agentplane.common;

import java.time.Clock;
import java.time.Instant;

/** Times are epoch milliseconds in the database and RFC 3339 instants on the wire. */
public final class Times {
    private Times() {}

    /** Now, at the millisecond precision the database keeps, so a response equals a later read. */
    public static Instant now(Clock clock) {
        return Instant.ofEpochMilli(clock.millis());
    }
}
