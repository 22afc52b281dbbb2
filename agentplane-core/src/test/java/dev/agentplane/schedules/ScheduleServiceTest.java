package dev.agentplane.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.audit.AuditEntry;
import dev.agentplane.audit.AuditFilter;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.common.problems.FieldError;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Managing schedules: fields and their checks, updates, pause and resume, deletion, and who may see them. */
class ScheduleServiceTest {

    private static ScheduleFields fields(String name, String workflow, String cron, String timezone) {
        return new ScheduleFields(name, workflow, null, cron, timezone, null, null, null);
    }

    private static List<String> pointers(Throwable e) {
        return ((InvalidInputException) e).errors().stream().map(FieldError::pointer).toList();
    }

    private static ObjectNode patch(String json) {
        return (ObjectNode) Json.parse(json);
    }

    @AcrossDatabases
    void a_new_schedule_fires_next_at_its_cron_time_in_its_zone_with_the_defaults(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-01-10T12:00:00Z");
        at.workflow("report", "");

        Schedule created = at.plane().schedules().create(t.actor(), fields("daily-report", "report", "0 9 * * *", "Europe/Paris"));

        assertThat(created.nextFireAt()).isEqualTo(Instant.parse("2026-01-11T08:00:00Z"));
        assertThat(created.misfire()).isEqualTo(Misfire.SKIP);
        assertThat(created.paused()).isFalse();
        assertThat(created.managedBy()).isEqualTo(Schedule.MANAGED_BY_API);
        assertThat(created.version()).isNull();
        assertThat(created.input()).isNull();
        assertThat(created.lastFireAt()).isNull();
        assertThat(at.get(created.id())).isEqualTo(created);
        assertThat(at.plane().schedules().create(t.actor(), fields("utc", "report", "@daily", null)).timezone()).isEqualTo("UTC");
    }

    @AcrossDatabases
    void a_schedule_created_paused_has_no_next_fire_time(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-01-10T12:00:00Z");
        at.workflow("report", "");

        Schedule created = at.plane().schedules().create(t.actor(),
                new ScheduleFields("later", "report", null, "0 9 * * *", null, null, "run_once", true));

        assertThat(created.paused()).isTrue();
        assertThat(created.nextFireAt()).isNull();
        assertThat(created.misfire()).isEqualTo(Misfire.RUN_ONCE);
    }

    @AcrossDatabases
    void every_bad_field_is_named_with_what_is_wrong_and_how_to_fix_it(TestPlane t) {
        ScheduleFields bad = new ScheduleFields("has space", null, 0, "61 9 * * *", "Europe/Pariss",
                Json.MAPPER.createArrayNode(), "sometimes", null);

        assertThatThrownBy(() -> t.plane().schedules().create(t.actor(), bad))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(pointers(e)).containsExactlyInAnyOrder("/name", "/workflow", "/version", "/cron",
                            "/timezone", "/input", "/misfire");
                    FieldError cron = e.errors().stream().filter(f -> f.pointer().equals("/cron")).findFirst().orElseThrow();
                    assertThat(cron.detail()).contains("minute field '61'", "61 is outside 0-59");
                    FieldError zone = e.errors().stream().filter(f -> f.pointer().equals("/timezone")).findFirst().orElseThrow();
                    assertThat(zone.fix()).startsWith("did you mean Europe/Paris");
                });
        assertThatThrownBy(() -> t.plane().schedules().create(t.actor(), fields("s", "report", null, null)))
                .satisfies(e -> assertThat(pointers(e)).containsExactly("/cron"));
        assertThatThrownBy(() -> t.plane().schedules().create(t.actor(), fields("s", "report", "0 9 * * * 2026", null)))
                .satisfies(e -> assertThat(((InvalidInputException) e).errors().getFirst().detail()).contains("6 fields"));
    }

    @AcrossDatabases
    void the_workflow_must_exist_and_the_input_suit_it(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-01-10T12:00:00Z");
        at.workflow("report", "inputs:\n  day: {type: string, required: true}\n");
        at.workflow("report", "inputs:\n  day: {type: string, required: true}\n");
        at.plane().workflows().deactivate(t.actor(), "report", 1);

        assertThatThrownBy(() -> at.plane().schedules().create(t.actor(), fields("s", "ghost", "@daily", null)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("ghost");
        assertThatThrownBy(() -> at.plane().schedules().create(t.actor(),
                new ScheduleFields("s", "report", 1, "@daily", null, Json.object().put("day", "x"), null, null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("inactive");
        assertThatThrownBy(() -> at.plane().schedules().create(t.actor(), fields("s", "report", "@daily", null)))
                .satisfies(e -> assertThat(pointers(e)).containsExactly("/input/day"));
        assertThat(at.plane().schedules().list(t.actor(), new ScheduleFilter(null, null), PageRequest.first(10)).items()).isEmpty();
    }

    @AcrossDatabases
    void names_are_unique_within_an_organization_only(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-01-10T12:00:00Z");
        at.workflow("report", "");
        at.plane().schedules().create(t.actor(), fields("nightly", "report", "@daily", null));
        var other = t.otherOrg();
        at.plane().workflows().create(other, dev.agentplane.workflows.WorkflowFormat.YAML,
                "name: report\nsteps:\n  - {id: a, type: sleep, duration: 1h}\n");

        assertThatThrownBy(() -> at.plane().schedules().create(t.actor(), fields("nightly", "report", "@hourly", null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("'nightly' already exists");
        assertThat(at.plane().schedules().create(other, fields("nightly", "report", "@daily", null)).name()).isEqualTo("nightly");
    }

    @AcrossDatabases
    void update_changes_the_fields_given_and_recomputes_the_next_fire_time_for_new_timing(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-01-10T12:00:00Z");
        at.workflow("report", "inputs:\n  day: {type: string}\n");
        Schedule created = at.plane().schedules().create(t.actor(), fields("nightly", "report", "0 9 * * *", "UTC"));
        at.advance(Duration.ofHours(1));

        Schedule renamed = at.plane().schedules().update(t.actor(), created.id(),
                patch("{\"name\": \"morning\", \"input\": {\"day\": \"today\"}, \"misfire\": \"run_once\"}"));
        Schedule retimed = at.plane().schedules().update(t.actor(), created.id(),
                patch("{\"cron\": \"30 6 * * *\", \"timezone\": \"America/New_York\"}"));

        assertThat(renamed.name()).isEqualTo("morning");
        assertThat(renamed.input()).isEqualTo(Json.object().put("day", "today"));
        assertThat(renamed.nextFireAt()).isEqualTo(created.nextFireAt());
        assertThat(retimed.nextFireAt()).isEqualTo(Instant.parse("2026-01-11T11:30:00Z"));
        assertThat(retimed.misfire()).isEqualTo(Misfire.RUN_ONCE);
        assertThat(at.get(created.id())).isEqualTo(retimed);
        assertThatThrownBy(() -> at.plane().schedules().update(t.actor(), created.id(), patch("{\"cron\": \"@every\"}")))
                .satisfies(e -> assertThat(pointers(e)).containsExactly("/cron"));
        assertThatThrownBy(() -> at.plane().schedules().update(t.actor(), created.id(), patch("{\"input\": {\"day\": 3}}")))
                .satisfies(e -> assertThat(pointers(e)).containsExactly("/input/day"));
        assertThatThrownBy(() -> at.plane().schedules().update(t.actor(), created.id(), patch("{\"owner\": \"me\"}")))
                .satisfies(e -> assertThat(pointers(e)).containsExactly("/owner"));
    }

    @AcrossDatabases
    void pause_and_resume_are_idempotent_and_resume_does_not_catch_up(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-01-10T12:00:00Z");
        at.workflow("report", "");
        Schedule created = at.plane().schedules().create(t.actor(), fields("hourly", "report", "@hourly", null));

        Schedule paused = at.plane().schedules().pause(t.actor(), created.id());
        assertThat(at.plane().schedules().pause(t.actor(), created.id())).isEqualTo(paused);
        at.advance(Duration.ofHours(5));
        Schedule resumed = at.plane().schedules().resume(t.actor(), created.id());
        assertThat(at.plane().schedules().resume(t.actor(), created.id())).isEqualTo(resumed);

        assertThat(paused.paused()).isTrue();
        assertThat(paused.nextFireAt()).isNull();
        assertThat(resumed.paused()).isFalse();
        assertThat(resumed.nextFireAt()).isEqualTo(Instant.parse("2026-01-10T18:00:00Z"));
        assertThat(audit(t, created.id())).extracting(AuditEntry::action)
                .containsExactly("schedule.resume", "schedule.pause", "schedule.create");
    }

    @AcrossDatabases
    void delete_removes_the_schedule_and_its_fires_but_not_its_executions(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-01-10T12:00:00Z");
        at.workflow("report", "");
        Schedule created = at.plane().schedules().create(t.actor(), fields("hourly", "report", "@hourly", null));
        ScheduleFire fire = at.fireNext(created.id(), 1).getFirst();

        at.plane().schedules().delete(t.actor(), created.id());

        assertThatThrownBy(() -> at.get(created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> at.plane().schedules().fires(t.actor(), created.id(), PageRequest.first(10)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> at.plane().schedules().delete(t.actor(), created.id())).isInstanceOf(NotFoundException.class);
        assertThat(at.plane().executions().get(t.actor(), fire.executionId())).isNotNull();
        assertThat(audit(t, created.id()).getFirst().action()).isEqualTo("schedule.delete");
    }

    @AcrossDatabases
    void lists_filter_by_workflow_and_pause_across_pages(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-01-10T12:00:00Z");
        at.workflow("a", "");
        at.workflow("b", "");
        for (int i = 0; i < 3; i++) {
            at.plane().schedules().create(t.actor(), fields("a" + i, "a", "@daily", null));
        }
        Schedule paused = at.plane().schedules().create(t.actor(),
                new ScheduleFields("b0", "b", null, "@daily", null, null, null, true));

        Page<Schedule> first = at.plane().schedules().list(t.actor(), new ScheduleFilter("a", null), PageRequest.first(2));
        Page<Schedule> second = at.plane().schedules().list(t.actor(), new ScheduleFilter("a", null),
                new PageRequest(2, dev.agentplane.common.Cursor.decode(first.nextCursor())));

        assertThat(first.items()).extracting(Schedule::name).containsExactly("a2", "a1");
        assertThat(second.items()).extracting(Schedule::name).containsExactly("a0");
        assertThat(second.nextCursor()).isNull();
        assertThat(at.plane().schedules().list(t.actor(), new ScheduleFilter(null, true), PageRequest.first(10)).items())
                .containsExactly(paused);
        assertThat(at.plane().schedules().list(t.otherOrg(), new ScheduleFilter(null, null), PageRequest.first(10)).items())
                .isEmpty();
    }

    @AcrossDatabases
    void other_organizations_schedules_do_not_exist_for_a_caller(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-01-10T12:00:00Z");
        at.workflow("report", "");
        Schedule mine = at.plane().schedules().create(t.actor(), fields("hourly", "report", "@hourly", null));
        var stranger = t.otherOrg();

        assertThatThrownBy(() -> at.plane().schedules().get(stranger, mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> at.plane().schedules().pause(stranger, mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> at.plane().schedules().update(stranger, mine.id(), patch("{}"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> at.plane().schedules().delete(stranger, mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> at.plane().schedules().get(t.actor(), "not-an-id"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @AcrossDatabases
    void a_definition_with_schedule_creates_updates_and_removes_its_own_schedule(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-01-10T12:00:00Z");

        at.workflow("digest", "inputs:\n  day: {type: string}\nschedule: {cron: '0 9 * * MON-FRI', timezone: Europe/Paris, "
                + "input: {day: today}, misfire: run_once}\n");
        Schedule created = byName(at, "digest");
        at.workflow("digest", "schedule: {cron: '0 7 * * *'}\n");
        Schedule updated = byName(at, "digest");
        at.workflow("digest", "");

        assertThat(created.managedBy()).isEqualTo(Schedule.MANAGED_BY_DEFINITION);
        assertThat(created.workflow()).isEqualTo("digest");
        assertThat(created.version()).isNull();
        assertThat(created.timezone()).isEqualTo("Europe/Paris");
        assertThat(created.input()).isEqualTo(Json.object().put("day", "today"));
        assertThat(created.misfire()).isEqualTo(Misfire.RUN_ONCE);
        assertThat(created.nextFireAt()).isEqualTo(Instant.parse("2026-01-12T08:00:00Z")); // Monday 09:00 in Paris
        assertThat(updated.id()).isEqualTo(created.id());
        assertThat(updated.timezone()).isEqualTo("UTC");
        assertThat(updated.misfire()).isEqualTo(Misfire.SKIP);
        assertThat(updated.nextFireAt()).isEqualTo(Instant.parse("2026-01-11T07:00:00Z"));
        assertThat(at.plane().schedules().list(t.actor(), new ScheduleFilter("digest", null), PageRequest.first(10)).items()).isEmpty();
        assertThat(audit(t, created.id())).extracting(AuditEntry::action)
                .containsExactly("schedule.delete", "schedule.update", "schedule.create");
    }

    @AcrossDatabases
    void a_definition_schedule_is_changed_only_by_new_versions_but_may_be_paused(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-01-10T12:00:00Z");
        at.workflow("digest", "schedule: {cron: '@daily'}\n");
        Schedule owned = byName(at, "digest");

        assertThatThrownBy(() -> at.plane().schedules().update(t.actor(), owned.id(), patch("{\"cron\": \"@hourly\"}")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("schedule: of workflow 'digest'");
        assertThatThrownBy(() -> at.plane().schedules().delete(t.actor(), owned.id())).isInstanceOf(ConflictException.class);
        at.plane().schedules().pause(t.actor(), owned.id());
        at.workflow("digest", "schedule: {cron: '@hourly'}\n");

        Schedule afterNewVersion = byName(at, "digest");
        assertThat(afterNewVersion.cron()).isEqualTo("@hourly");
        assertThat(afterNewVersion.paused()).isTrue();
        assertThat(afterNewVersion.nextFireAt()).isNull();
    }

    @AcrossDatabases
    void schedules_created_through_the_api_are_never_touched_by_definitions(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-01-10T12:00:00Z");
        at.workflow("digest", "");
        Schedule mine = at.plane().schedules().create(t.actor(), fields("digest", "digest", "0 9 * * *", null));

        assertThatThrownBy(() -> at.workflow("digest", "schedule: {cron: '@hourly'}\n"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("created through the API");
        at.workflow("digest", "");

        assertThat(at.get(mine.id())).isEqualTo(mine);
        assertThat(at.plane().workflows().get(t.actor(), "digest").version()).isEqualTo(2);
    }

    @AcrossDatabases
    void a_definition_schedule_is_checked_when_the_version_is_created(TestPlane t) {
        ScheduleClock at = ScheduleClock.at(t, "2026-01-10T12:00:00Z");

        assertThatThrownBy(() -> at.workflow("digest", "inputs:\n  day: {type: string, required: true}\n"
                + "schedule: {cron: '0 25 * * *', timezone: Paris, misfire: later, input: {}}\n"))
                .satisfies(e -> assertThat(pointers(e)).containsExactlyInAnyOrder("/schedule/cron", "/schedule/timezone",
                        "/schedule/misfire", "/schedule/input/day"));
    }

    private static Schedule byName(ScheduleClock at, String name) {
        return at.plane().schedules().list(at.actor(), new ScheduleFilter(name, null), PageRequest.first(10)).items()
                .stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<AuditEntry> audit(TestPlane t, String scheduleId) {
        return t.plane().audit().list(t.actor(), new AuditFilter(null, null, null, "schedule", scheduleId, null, null),
                PageRequest.first(20)).items();
    }
}
