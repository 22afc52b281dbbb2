package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One row of the append-only, hash-chained audit log. */
public record AuditEntry(
        String id,
        String actorKeyId,
        String actorAgentId,
        String action,
        String resourceType,
        String resourceId,
        JsonNode details,
        String requestId,
        Instant createdAt) {
}
