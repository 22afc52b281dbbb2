package dev.agentplane.tenancy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * A stored key: everything but the secret, of which only a hash is kept, and whether the key signs its requests
 * (its signing secret is never part of this record).
 */
public record ApiKey(String id, @JsonIgnore String orgId, String prefix, String name, String role, String agentId,
                     Integer rateLimitPerMinute, boolean signed, Instant createdAt, Instant lastUsedAt,
                     Instant expiresAt, Instant revokedAt) {

    /** Whether the key authenticates at {@code nowMillis}: not revoked and not past its expiry. */
    boolean usableAt(long nowMillis) {
        return revokedAt == null && (expiresAt == null || expiresAt.toEpochMilli() > nowMillis);
    }
}
