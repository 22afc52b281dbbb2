package dev.agentplane.client.model;

import java.time.Instant;

/** One key of a state namespace, without its value. */
public record StateKey(
        String key,
        Long version,
        Instant expiresAt,
        Instant updatedAt) {
}
