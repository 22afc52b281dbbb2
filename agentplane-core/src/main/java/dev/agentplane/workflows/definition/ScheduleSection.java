package dev.agentplane.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.problems.FieldError;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.schedules.Misfire;
import dev.agentplane.schedules.TimeZones;
import dev.agentplane.schedules.TimingChecks;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads {@code schedule: {cron, timezone, input, misfire}}, checking it as {@code POST /v1/schedules} would. */
final class ScheduleSection {
    static final Set<String> FIELDS = Set.of("cron", "timezone", "input", "misfire");

    private ScheduleSection() {}

    static ScheduleSpec parse(JsonNode schedule, String workflow, Map<String, InputSpec> inputs,
                              DefinitionParser.Problems problems) {
        if (schedule == null || schedule.isNull()) {
            return null;
        }
        if (!schedule.isObject()) {
            problems.add("/schedule", "is not an object", "write schedule: {cron: '0 9 * * MON-FRI', timezone: Europe/Paris}");
            return null;
        }
        schedule.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                problems.add("/schedule/" + field.replace("~", "~0").replace("/", "~1"), "is not a field here",
                        "remove it; the fields here are " + new TreeSet<>(FIELDS));
            }
        });
        String timezone = text(schedule, "timezone", "name an IANA time zone, e.g. timezone: Europe/Paris", problems);
        ZoneId zone = TimingChecks.zone(timezone == null ? TimeZones.DEFAULT : timezone, "/schedule/timezone", problems);
        String cron = text(schedule, "cron", "say when to fire, e.g. cron: '0 9 * * MON-FRI' or cron: '@daily'", problems);
        if (cron != null || !schedule.has("cron") || schedule.get("cron").isNull()) {
            TimingChecks.cron(cron, zone, "/schedule/cron", problems);
        }
        String misfire = text(schedule, "misfire", "write misfire: skip, or misfire: run_once", problems);
        if (misfire != null && !Misfire.POLICIES.contains(misfire)) {
            problems.add("/schedule/misfire", "'" + misfire + "' is not one of " + Misfire.POLICIES, "use one of " + Misfire.POLICIES);
        }
        JsonNode input = schedule.get("input");
        if (input != null && !input.isNull()) {
            checkInput(input, workflow, inputs, problems);
        }
        return new ScheduleSpec(cron, timezone == null ? TimeZones.DEFAULT : timezone,
                input == null || input.isNull() ? null : input, misfire == null ? Misfire.SKIP : misfire);
    }

    /** The input every fire starts an execution with must suit this version's inputs. */
    private static void checkInput(JsonNode input, String workflow, Map<String, InputSpec> inputs,
                                   DefinitionParser.Problems problems) {
        if (!input.isObject()) {
            problems.add("/schedule/input", "is not an object", "write the inputs each execution starts with, e.g. input: {day: today}");
            return;
        }
        try {
            Inputs.resolve(workflow == null ? "this workflow" : workflow, inputs, input);
        } catch (InvalidInputException e) {
            for (FieldError error : e.errors()) {
                problems.add("/schedule" + error.pointer(), error.detail(), error.fix());
            }
        }
    }

    private static String text(JsonNode schedule, String field, String fix, DefinitionParser.Problems problems) {
        JsonNode value = schedule.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add("/schedule/" + field, "is not a string", fix + " (quote it in YAML if it looks like a number)");
            return null;
        }
        return value.asText();
    }
}
