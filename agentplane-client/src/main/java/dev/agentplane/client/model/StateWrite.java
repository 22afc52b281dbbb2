package dev.agentplane.client.model;

import java.time.Duration;

/**
 * How to write a state entry: an optional time to live, and an optional condition: only if the entry is still at
 * {@code ifVersion} (its ETag, else 412), or only if it does not exist yet ({@link #ifAbsent()}, else 412).
 */
public record StateWrite(Duration ttl, Long ifVersion, boolean createOnly) {
    public static final StateWrite ALWAYS = new StateWrite(null, null, false);

    public static StateWrite ttl(Duration ttl) {
        return new StateWrite(ttl, null, false);
    }

    public static StateWrite ifVersion(long version) {
        return new StateWrite(null, version, false);
    }

    public static StateWrite ifAbsent() {
        return new StateWrite(null, null, true);
    }

    public StateWrite withTtl(Duration ttl) {
        return new StateWrite(ttl, ifVersion, createOnly);
    }
}
