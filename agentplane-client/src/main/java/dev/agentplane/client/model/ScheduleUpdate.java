package dev.agentplane.client.model;

/** The fields of a schedule to change; null fields stay as they are. */
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
