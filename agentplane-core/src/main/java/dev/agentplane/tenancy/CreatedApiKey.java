package dev.agentplane.tenancy;

import java.time.Instant;

/** A key just created: the only time the full {@code key} is ever returned. */
public record CreatedApiKey(String id, String key, String prefix, String name, String role, String agentId,
                            Instant createdAt) {}
