package dev.agentplane.state;

import java.time.Instant;

/** A key of a namespace as listed: enough to decide whether to fetch it, without its value. */
public record StateKey(String key, long version, Instant expiresAt, Instant updatedAt) {}
