package dev.agentplane.tenancy;

import java.time.Instant;

/** A key just created: the only time the full {@code key} is ever returned. */
public record CreatedApiKey(String id, String key, String prefix, String name, String role, String agentId,
                            Integer rateLimitPerMinute, Instant createdAt, Instant expiresAt) {

    static CreatedApiKey of(ApiKey stored, String key) {
        return new CreatedApiKey(stored.id(), key, stored.prefix(), stored.name(), stored.role(), stored.agentId(),
                stored.rateLimitPerMinute(), stored.createdAt(), stored.expiresAt());
    }
}
