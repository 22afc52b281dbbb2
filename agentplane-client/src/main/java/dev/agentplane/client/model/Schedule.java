package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A cron schedule that starts executions of a workflow. */
public record Schedule(
        String id,
        String name,
        String workflow,
        Integer version,
        String cron,
        String timezone,
        JsonNode input,
        String misfire,
        Boolean paused,
        String managedBy,
        Instant nextFireAt,
        Instant lastFireAt,
        String lastExecutionId,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {
}
