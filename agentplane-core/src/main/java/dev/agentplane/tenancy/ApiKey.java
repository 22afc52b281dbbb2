package dev.agentplane.tenancy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** A stored key: everything but the secret, of which only a hash is kept. */
public record ApiKey(String id, @JsonIgnore String orgId, String prefix, String name, String role, String agentId,
                     Instant createdAt, Instant lastUsedAt) {}
