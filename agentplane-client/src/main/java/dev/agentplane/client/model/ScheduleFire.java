package dev.agentplane.client.model;

import java.time.Instant;

/** One fire of a schedule: started, skipped or refused. */
public record ScheduleFire(
        String id,
        String scheduleId,
        Instant fireAt,
        Instant firedAt,
        String status,
        String executionId,
        String reason,
        String error) {
}
