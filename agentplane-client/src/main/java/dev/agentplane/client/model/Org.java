package dev.agentplane.client.model;

import java.time.Instant;

/** An organization (tenant). */
public record Org(
        String id,
        String name,
        String status,
        Boolean instanceAdmin,
        Instant createdAt,
        Instant disabledAt) {
}
