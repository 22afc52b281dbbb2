package dev.agentplane.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Executions of {@code workflow} (pinned to {@code version}, or its latest active version when null) started at the
 * fire times of {@code cron} in {@code timezone}. {@code nextFireAt} is null while paused.
 */
public record Schedule(String id, String name, String workflow, Integer version, String cron, String timezone,
                       JsonNode input, String misfire, boolean paused, String managedBy, Instant nextFireAt,
                       Instant lastFireAt, String lastExecutionId, String lastError, Instant createdAt, Instant updatedAt) {
    /** Created and changed through /v1/schedules. */
    public static final String MANAGED_BY_API = "api";
    /** Follows the {@code schedule:} of its workflow's definition, whose name it has. */
    public static final String MANAGED_BY_DEFINITION = "definition";

    public boolean managedByDefinition() {
        return MANAGED_BY_DEFINITION.equals(managedBy);
    }

    public CronSchedule timing() {
        return CronSchedule.parse(cron, TimeZones.parse(timezone));
    }
}
