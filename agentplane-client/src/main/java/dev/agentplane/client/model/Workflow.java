package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One version of a workflow: its parsed definition and the source it was created from. */
public record Workflow(
        String id,
        String name,
        Integer version,
        String description,
        Boolean active,
        JsonNode definition,
        String source,
        Instant createdAt) {
}
