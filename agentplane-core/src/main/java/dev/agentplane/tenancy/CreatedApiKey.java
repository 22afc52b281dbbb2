package dev.agentplane.tenancy;

import java.time.Instant;

/**
 * A key just created: the only time the full {@code key} is ever returned, and with it the key's
 * {@code signingSecret} when it signs its requests (null when it does not).
 */
public record CreatedApiKey(String id, String key, String prefix, String name, String role, String agentId,
                            Integer rateLimitPerMinute, boolean signed, String signingSecret, Instant createdAt,
                            Instant expiresAt) {

    static CreatedApiKey of(ApiKey stored, String key, String signingSecret) {
        return new CreatedApiKey(stored.id(), key, stored.prefix(), stored.name(), stored.role(), stored.agentId(),
                stored.rateLimitPerMinute(), stored.signed(), signingSecret, stored.createdAt(), stored.expiresAt());
    }

    @Override
    public String toString() {
        return "CreatedApiKey[id=" + id + ", prefix=" + prefix + ", role=" + role + ", signed=" + signed + "]";
    }
}
