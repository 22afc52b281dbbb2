package dev.agentplane.client.model;

import java.time.Instant;

/** An API key as listed (never the key itself). */
public record ApiKey(
        String id,
        String prefix,
        String name,
        String role,
        String agentId,
        Integer rateLimitPerMinute,
        Boolean signed,
        Instant createdAt,
        Instant lastUsedAt,
        Instant expiresAt,
        Instant revokedAt) {
}
