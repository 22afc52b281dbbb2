package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The fields of a schedule to change; null fields stay as they are. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleUpdate(
        String name,
        String workflow,
        Integer version,
        String cron,
        String timezone,
        Object input,
        String misfire,
        Boolean paused) {
}
