package dev.agentplane.client.model;

/** A schedule to create. */
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
