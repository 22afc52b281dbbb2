package dev.agentplane.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.common.Json;
import dev.agentplane.executions.Execution;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.usage.OrgLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The fire loop: when schedules fire, what each fire starts or records, and what never fires twice. */
class SchedulerTest {

    private static List<Instant> times(List<ScheduleFire> fires) {
        return fires.stream().map(ScheduleFire::fireAt).toList();
    }

    private static List<Instant> instants(String... utc) {
        return java.util.Arrays.stream(utc).map(Instant::parse).toList();
    }

    @AcrossDatabases
    void a_daily_schedule_in_paris_fires_once_a_day_across_spring_forward(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-03-27T12:00:00Z");
        at.workflow("nightly", "");
        Schedule schedule = at.create("nightly-0230", "nightly", "30 2 * * *", "Europe/Paris", null);

        List<ScheduleFire> fires = at.fireNext(schedule.id(), 3);

        // 02:30 does not exist on 29 March: that day it fires at 03:30 CEST, and the day is not lost.
        assertThat(times(fires)).isEqualTo(instants("2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"));
        assertThat(fires).allSatisfy(fire -> {
            assertThat(fire.status()).isEqualTo(ScheduleFire.STARTED);
            assertThat(fire.firedAt()).isEqualTo(fire.fireAt());
            assertThat(at.plane().executions().get(t.actor(), fire.executionId()).startedAt()).isEqualTo(fire.fireAt());
        });
        assertThat(at.get(schedule.id()).nextFireAt()).isEqualTo(Instant.parse("2026-03-31T00:30:00Z"));
    }

    @AcrossDatabases
    void a_daily_schedule_in_paris_fires_once_on_the_fall_back_day(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-10-23T12:00:00Z");
        at.workflow("nightly", "");
        Schedule schedule = at.create("nightly-0230", "nightly", "30 2 * * *", "Europe/Paris", null);

        List<ScheduleFire> fires = at.fireNext(schedule.id(), 3);

        // 02:30 happens twice on 25 October (00:30 and 01:30 UTC): it fires at the first only.
        assertThat(times(fires)).isEqualTo(instants("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
        assertThat(fires).extracting(ScheduleFire::status).containsOnly(ScheduleFire.STARTED);
    }

    @AcrossDatabases
    void an_hourly_schedule_fires_every_real_hour_of_the_25_hour_fall_back_day(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-10-24T21:59:00Z"); // 23:59 CEST on 24 October
        at.workflow("hourly", "");
        Schedule schedule = at.create("hourly", "hourly", "@hourly", "Europe/Paris", null);

        List<ScheduleFire> fires = at.fireNext(schedule.id(), 25);

        assertThat(fires.getFirst().fireAt()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z")); // 00:00 on the 25th
        assertThat(fires.getLast().fireAt()).isEqualTo(Instant.parse("2026-10-25T22:00:00Z"));  // 23:00 on the 25th
        for (int i = 1; i < fires.size(); i++) {
            assertThat(Duration.between(fires.get(i - 1).fireAt(), fires.get(i).fireAt())).isEqualTo(Duration.ofHours(1));
        }
    }

    @AcrossDatabases
    void nothing_fires_before_its_time(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-05-04T08:00:00Z");
        at.workflow("report", "");
        Schedule schedule = at.create("report", "report", "0 9 * * *", "UTC", null);

        at.advanceTo(schedule.nextFireAt().minusMillis(1));
        at.fireDue();

        assertThat(at.fires(schedule.id())).isEmpty();
        at.advance(Duration.ofMillis(1));
        at.fireDue();
        assertThat(at.fires(schedule.id())).hasSize(1);
    }

    @AcrossDatabases
    void after_downtime_misfire_skip_records_one_skipped_fire_and_waits_for_the_next_time(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-05-04T08:30:00Z");
        at.workflow("report", "");
        Schedule schedule = at.create("report", "report", "0 * * * *", "UTC", "skip");

        at.advanceTo(Instant.parse("2026-05-04T13:20:00Z")); // 09:00 to 13:00 were missed
        at.fireDue();

        List<ScheduleFire> fires = at.fires(schedule.id());
        assertThat(fires).singleElement().satisfies(fire -> {
            assertThat(fire.status()).isEqualTo(ScheduleFire.SKIPPED);
            assertThat(fire.reason()).isEqualTo("misfire_skipped");
            assertThat(fire.fireAt()).isEqualTo(Instant.parse("2026-05-04T09:00:00Z"));
            assertThat(fire.firedAt()).isEqualTo(Instant.parse("2026-05-04T13:20:00Z"));
            assertThat(fire.executionId()).isNull();
        });
        assertThat(at.get(schedule.id()).nextFireAt()).isEqualTo(Instant.parse("2026-05-04T14:00:00Z"));
        assertThat(at.plane().executions().stats(t.actor(), new dev.agentplane.executions.ExecutionFilter(
                null, null, null, null, null)).total()).isZero();
        assertThat(at.fireDue()).isZero();
    }

    @AcrossDatabases
    void after_downtime_misfire_run_once_starts_one_execution_for_the_missed_window(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-05-04T08:30:00Z");
        at.workflow("report", "");
        Schedule schedule = at.create("report", "report", "0 * * * *", "UTC", "run_once");

        at.advanceTo(Instant.parse("2026-05-04T13:20:00Z"));
        at.fireDue();
        at.fireDue();

        assertThat(at.fires(schedule.id())).singleElement().satisfies(fire -> {
            assertThat(fire.status()).isEqualTo(ScheduleFire.STARTED);
            assertThat(fire.fireAt()).isEqualTo(Instant.parse("2026-05-04T09:00:00Z"));
            assertThat(at.plane().executions().get(t.actor(), fire.executionId()).startedAt())
                    .isEqualTo(Instant.parse("2026-05-04T13:20:00Z"));
        });
        assertThat(at.get(schedule.id()).nextFireAt()).isEqualTo(Instant.parse("2026-05-04T14:00:00Z"));
    }

    @AcrossDatabases
    void a_fire_a_little_late_is_not_a_misfire(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-05-04T08:30:00Z");
        at.workflow("report", "");
        Schedule schedule = at.create("report", "report", "*/5 * * * *", "UTC", "skip");

        at.advanceTo(Instant.parse("2026-05-04T08:35:59Z")); // 59 s late: within the grace of a minute
        at.fireDue();

        assertThat(at.fires(schedule.id())).singleElement()
                .satisfies(fire -> assertThat(fire.status()).isEqualTo(ScheduleFire.STARTED));
        assertThat(at.get(schedule.id()).nextFireAt()).isEqualTo(Instant.parse("2026-05-04T08:40:00Z"));
    }

    @AcrossDatabases
    void paused_schedules_do_not_fire_and_resume_without_catching_up(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-05-04T08:30:00Z");
        at.workflow("report", "");
        Schedule schedule = at.create("report", "report", "0 * * * *", "UTC", "run_once");

        Schedule paused = at.plane().schedules().pause(t.actor(), schedule.id());
        at.advanceTo(Instant.parse("2026-05-04T12:10:00Z"));
        at.fireDue();
        Schedule resumed = at.plane().schedules().resume(t.actor(), schedule.id());
        at.fireDue();

        assertThat(paused.nextFireAt()).isNull();
        assertThat(at.fires(schedule.id())).isEmpty();
        assertThat(resumed.nextFireAt()).isEqualTo(Instant.parse("2026-05-04T13:00:00Z"));
    }

    @AcrossDatabases
    void a_refused_start_is_recorded_on_the_fire_and_the_schedule_goes_on(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-05-04T08:30:00Z");
        at.workflow("report", "");
        Schedule schedule = at.create("report", "report", "0 * * * *", "UTC", null);
        at.plane().limits().set(t.actor(), new OrgLimits(0L, null, null, Map.of()));

        List<ScheduleFire> refused = at.fireNext(schedule.id(), 1);
        Schedule afterRefusal = at.get(schedule.id());
        at.plane().limits().set(t.actor(), OrgLimits.NONE);
        List<ScheduleFire> all = at.fireNext(schedule.id(), 1);

        assertThat(refused).singleElement().satisfies(fire -> {
            assertThat(fire.status()).isEqualTo(ScheduleFire.REFUSED);
            assertThat(fire.reason()).isEqualTo("usage_limit_reached");
            assertThat(fire.error()).contains("monthly");
        });
        assertThat(afterRefusal.lastError()).isEqualTo(refused.getFirst().error());
        assertThat(afterRefusal.nextFireAt()).isEqualTo(Instant.parse("2026-05-04T10:00:00Z"));
        assertThat(all.get(1).status()).isEqualTo(ScheduleFire.STARTED);
        assertThat(at.get(schedule.id()).lastError()).isNull();
        assertThat(at.get(schedule.id()).lastExecutionId()).isEqualTo(all.get(1).executionId());
        // The refused start counted nothing: only the second fire's execution is in this month's usage.
        assertThat(at.plane().limits().get(t.actor()).month().usage().executionsStarted()).isEqualTo(1);
    }

    @AcrossDatabases
    void each_reason_a_start_is_refused_has_its_code(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-05-04T08:30:00Z");
        at.workflow("report", "inputs:\n  day: {type: string}\n");
        Schedule schedule = at.plane().schedules().create(t.actor(), new ScheduleFields("report", "report", null,
                "0 * * * *", null, Json.object().put("day", "today"), null, null));
        at.workflow("report", "inputs:\n  day: {type: integer}\n"); // the input no longer fits
        at.fireNext(schedule.id(), 1);
        at.plane().workflows().deactivate(t.actor(), "report", 1);
        at.plane().workflows().deactivate(t.actor(), "report", 2);
        List<ScheduleFire> fires = at.fireNext(schedule.id(), 1);

        assertThat(fires).extracting(ScheduleFire::reason).containsExactly("invalid_input", "workflow_not_found");
        assertThat(fires.get(0).error()).contains("/input/day");
        assertThat(fires.get(1).error()).contains("no active version");
    }

    @AcrossDatabases
    void a_disabled_organization_starts_nothing(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-05-04T08:30:00Z");
        at.workflow("report", "");
        Schedule schedule = at.create("report", "report", "0 * * * *", "UTC", null);
        t.database().inTransaction(tx -> tx.update("UPDATE orgs SET status = 'disabled' WHERE id = ?", t.actor().orgId()));

        List<ScheduleFire> fires = at.fireNext(schedule.id(), 1);

        assertThat(fires).singleElement().satisfies(fire -> assertThat(fire.reason()).isEqualTo("org_disabled"));
    }

    @AcrossDatabases
    void a_fire_time_already_recorded_is_never_started_again(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-05-04T08:30:00Z");
        at.workflow("report", "");
        Schedule schedule = at.create("report", "report", "0 * * * *", "UTC", null);
        ScheduleFire first = at.fireNext(schedule.id(), 1).getFirst();

        // Something sets the schedule back to a time it already fired (a clock stepping back, a restore).
        t.database().inTransaction(tx -> tx.update("UPDATE schedules SET next_fire_at = ? WHERE id = ?",
                first.fireAt().toEpochMilli(), schedule.id()));
        at.fireDue();

        assertThat(at.fires(schedule.id())).containsExactly(first);
        assertThat(at.plane().executions().stats(t.actor(), new dev.agentplane.executions.ExecutionFilter(
                null, null, null, null, null)).total()).isEqualTo(1);
        assertThat(at.get(schedule.id()).nextFireAt()).isEqualTo(Instant.parse("2026-05-04T10:00:00Z"));
    }

    @AcrossDatabases
    void a_definition_schedule_runs_the_latest_active_version_at_each_fire(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-05-04T08:30:00Z");
        at.workflow("digest", "schedule: {cron: '0 * * * *'}\n");
        at.workflow("digest", "schedule: {cron: '0 * * * *'}\n");
        Schedule schedule = at.plane().schedules().list(t.actor(), new ScheduleFilter("digest", null),
                dev.agentplane.common.PageRequest.first(10)).items().getFirst();

        ScheduleFire onV2 = at.fireNext(schedule.id(), 1).getLast();
        at.plane().workflows().deactivate(t.actor(), "digest", 2);
        ScheduleFire onV1 = at.fireNext(schedule.id(), 1).getLast();

        assertThat(at.plane().executions().get(t.actor(), onV2.executionId()).workflowVersion()).isEqualTo(2);
        assertThat(at.plane().executions().get(t.actor(), onV1.executionId()).workflowVersion()).isEqualTo(1);
    }

    @AcrossDatabases
    void an_unpinned_schedule_follows_the_workflows_rollout(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-05-04T08:30:00Z");
        at.workflow("report", "");
        at.workflow("report", "");
        Schedule schedule = at.create("report", "report", "0 * * * *", "UTC", null);
        at.plane().workflows().setRollout(t.actor(), "report", new dev.agentplane.workflows.SetRollout(
                List.of(new dev.agentplane.workflows.Rollout.Share(1, 100), new dev.agentplane.workflows.Rollout.Share(2, 0))));

        List<ScheduleFire> fires = at.fireNext(schedule.id(), 3);

        assertThat(fires).extracting(fire -> at.plane().executions().get(t.actor(), fire.executionId()).workflowVersion())
                .containsOnly(1);
    }

    @AcrossDatabases
    void fires_are_audited_and_the_execution_runs(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-05-04T08:30:00Z");
        at.workflow("name: echo\nsteps:\n  - {id: say, type: tool, tool: core.echo, with: {text: hi}}\n");
        Schedule schedule = at.create("echo", "echo", "0 * * * *", "UTC", null);

        ScheduleFire fire = at.fireNext(schedule.id(), 1).getFirst();
        at.plane().engine().runUntilIdle();

        assertThat(at.plane().executions().get(t.actor(), fire.executionId()).status()).isEqualTo(Execution.COMPLETED);
        assertThat(at.plane().audit().list(t.actor(), new dev.agentplane.audit.AuditFilter(null, null, "schedule.fire",
                null, schedule.id(), null, null), dev.agentplane.common.PageRequest.first(10)).items())
                .singleElement().satisfies(entry -> {
                    assertThat(entry.details().get("execution_id").asText()).isEqualTo(fire.executionId());
                    assertThat(entry.details().get("fire_at").asText()).isEqualTo("2026-05-04T09:00:00Z");
                });
    }
}
