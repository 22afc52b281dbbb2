package dev.agentplane.common;

import java.time.Instant;

/** Times are epoch milliseconds in the database and RFC 3339 instants on the wire. */
public final class Times {
    private Times() {}

    public static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}
