package dev.agentplane.client.model;

import java.time.Instant;

/** A new API key: {@code key} (and {@code signingSecret} for a signed key) are shown only this once. */
public record CreatedApiKey(
        String id,
        String key,
        String prefix,
        String name,
        String role,
        String agentId,
        Integer rateLimitPerMinute,
        Boolean signed,
        String signingSecret,
        Instant createdAt,
        Instant expiresAt) {
}
