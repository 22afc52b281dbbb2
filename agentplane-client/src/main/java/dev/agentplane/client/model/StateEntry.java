package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A value in the state store; {@code version} is its ETag (send it back as {@link StateWrite#ifVersion}). */
public record StateEntry(
        String namespace,
        String key,
        JsonNode value,
        Long version,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt) {
}
