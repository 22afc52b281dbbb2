package dev.agentplane.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.JsonLimits;
import dev.agentplane.common.Names;
import dev.agentplane.common.problems.FieldErrors;

/** The fields a caller sets on a schedule, at creation or (merged with the current ones) on update. */
public record ScheduleFields(String name, String workflow, Integer version, String cron, String timezone, JsonNode input,
                             String misfire, Boolean paused) {
    public ScheduleFields {
        timezone = timezone == null ? TimeZones.DEFAULT : timezone;
        misfire = misfire == null ? Misfire.SKIP : misfire;
        paused = paused != null && paused;
        input = input == null || input.isNull() ? null : input;
    }

    /** 400 naming every bad field; the cron expression and time zone say what is wrong with them. */
    public void validate() {
        FieldErrors errors = new FieldErrors()
                .required("/name", name, "name the schedule, e.g. \"nightly-report\"")
                .maxLength("/name", name, 100)
                .matches("/name", name, Names.NAME, "use letters, digits, '.', '_' and '-', starting with a letter or digit")
                .required("/workflow", workflow, "name the workflow to run, e.g. \"invoice-approval\"")
                .maxLength("/workflow", workflow, 100)
                .matches("/workflow", workflow, Names.NAME, "use the name of an existing workflow")
                .oneOf("/misfire", misfire.length() > 20 ? "(" + misfire.length() + " characters)" : misfire, Misfire.POLICIES);
        if (version != null && version < 1) {
            errors.add("/version", "is " + version + "; versions start at 1",
                    "pass an existing version, or leave version out to run the latest active version at each fire");
        }
        if (input != null && !input.isObject()) {
            errors.add("/input", "is not an object", "pass the workflow's inputs as an object, e.g. {\"day\": \"today\"}");
        }
        TimingChecks.cron(cron, TimingChecks.zone(timezone, "/timezone", errors::add), "/cron", errors::add);
        errors.throwIfAny();
        JsonLimits.check("input", input);
    }
}
