package dev.agentplane.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A schedule to create. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewSchedule(
        String name,
        String workflow,
        Integer version,
        String cron,
        String timezone,
        Object input,
        String misfire,
        Boolean paused) {

    public static NewSchedule of(String name, String workflow, String cron) {
        return new NewSchedule(name, workflow, null, cron, null, null, null, null);
    }

    public NewSchedule withTimezone(String timezone) {
        return new NewSchedule(name, workflow, version, cron, timezone, input, misfire, paused);
    }

    public NewSchedule withInput(Object input) {
        return new NewSchedule(name, workflow, version, cron, timezone, input, misfire, paused);
    }

    public NewSchedule paused(boolean paused) {
        return new NewSchedule(name, workflow, version, cron, timezone, input, misfire, paused);
    }
}
