package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A registered agent. */
public record Agent(
        String id,
        String name,
        String framework,
        String description,
        List<String> capabilities,
        JsonNode config,
        String status,
        Instant lastSeen,
        Instant createdAt,
        Instant updatedAt) {
}
