package dev.agentplane.tenancy;

import java.time.Instant;

/** A stored key: everything but the secret, of which only a hash is kept. */
public record ApiKey(String id, String orgId, String prefix, String name, String role, String agentId,
                     Instant createdAt, Instant lastUsedAt) {}
