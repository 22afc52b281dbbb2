package dev.agentplane.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.AgentPlane;
import dev.agentplane.common.PageRequest;
import dev.agentplane.testing.MutableClock;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.workflows.Workflow;
import dev.agentplane.workflows.WorkflowFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The services over a test's database with a clock of the test's own, set to a chosen instant, so schedule tests
 * can stand on daylight-saving days and jump over hours. The fire loop is driven by hand ({@link #fireDue}).
 */
record ScheduleClock(AgentPlane plane, MutableClock clock, Actor actor) {

    static ScheduleClock at(TestPlane t, String utc) {
        MutableClock clock = new MutableClock(Instant.parse(utc));
        return new ScheduleClock(AgentPlane.create(t.database(), clock), clock, t.actor());
    }

    Workflow workflow(String yaml) {
        return plane.workflows().create(actor, WorkflowFormat.YAML, yaml);
    }

    /** A one-step workflow that waits, so its executions stay running. */
    Workflow workflow(String name, String extra) {
        return workflow("name: " + name + "\n" + extra + "steps:\n  - {id: wait, type: sleep, duration: 1h}\n");
    }

    Schedule create(String name, String workflow, String cron, String timezone, String misfire) {
        return plane.schedules().create(actor, new ScheduleFields(name, workflow, null, cron, timezone, null, misfire, null));
    }

    Schedule get(String id) {
        return plane.schedules().get(actor, id);
    }

    void advanceTo(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    void advance(Duration duration) {
        clock.advance(duration);
    }

    int fireDue() {
        return plane.scheduler().fireDue();
    }

    /** Moves the clock to each next fire time of the schedule in turn and fires it; returns the fires, oldest first. */
    List<ScheduleFire> fireNext(String scheduleId, int count) {
        for (int i = 0; i < count; i++) {
            advanceTo(get(scheduleId).nextFireAt());
            fireDue();
        }
        return fires(scheduleId);
    }

    /** Every fire of the schedule, oldest first. */
    List<ScheduleFire> fires(String scheduleId) {
        List<ScheduleFire> all = new ArrayList<>(plane.schedules().fires(actor, scheduleId, PageRequest.first(200)).items());
        java.util.Collections.reverse(all);
        return all;
    }

    JsonNode execution(String id) {
        return dev.agentplane.common.Json.MAPPER.valueToTree(plane.executions().get(actor, id));
    }
}
