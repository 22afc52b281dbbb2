package dev.agentplane.schedules;

import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Times;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.store.Sql;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.workflows.VersionListener;
import dev.agentplane.workflows.Workflow;
import dev.agentplane.workflows.definition.ScheduleSpec;
import dev.agentplane.workflows.definition.WorkflowDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the schedule a definition's {@code schedule:} asks for: each new version with it creates or updates the
 * organization's schedule named after the workflow (running its latest active version); a new version without it
 * deletes that schedule. Schedules created through the API are never touched: one with the workflow's name makes
 * the version with {@code schedule:} a 409.
 */
public final class DefinitionSchedules implements VersionListener {
    private final AuditLog audit;
    private final Clock clock;
    private final ScheduleRepository schedules = new ScheduleRepository();

    public DefinitionSchedules(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void versionCreated(Sql tx, Actor actor, Workflow workflow, WorkflowDefinition definition) {
        Optional<Schedule> current = schedules.findByNameForUpdate(tx, actor.orgId(), workflow.name());
        ScheduleSpec spec = definition.schedule();
        if (current.isPresent() && !current.get().managedByDefinition()) {
            if (spec != null) {
                throw new ConflictException("the definition has a schedule, but this organization already has a schedule "
                        + "named '" + workflow.name() + "' created through the API (" + current.get().id() + "); delete or "
                        + "rename that schedule, or remove schedule: from the definition");
            }
            return;
        }
        Instant now = Times.now(clock);
        if (spec == null) {
            current.ifPresent(owned -> {
                schedules.delete(tx, actor.orgId(), owned.id());
                audit.record(tx, actor, "schedule.delete", "schedule", owned.id(), details(workflow, owned.name()));
            });
        } else if (current.isEmpty()) {
            Schedule created = new Schedule(Ids.newId(), workflow.name(), workflow.name(), null, spec.cron(),
                    spec.timezone(), spec.input(), spec.misfire(), false, Schedule.MANAGED_BY_DEFINITION,
                    nextFire(spec, now), null, null, null, now, now);
            schedules.insert(tx, actor.orgId(), created);
            audit.record(tx, actor, "schedule.create", "schedule", created.id(), details(workflow, created.name())
                    .put("cron", spec.cron()).put("timezone", spec.timezone()));
        } else {
            Schedule owned = current.get();
            boolean timingChanged = !owned.cron().equals(spec.cron()) || !owned.timezone().equals(spec.timezone());
            Instant next = owned.paused() ? null : timingChanged ? nextFire(spec, now) : owned.nextFireAt();
            Schedule updated = new Schedule(owned.id(), owned.name(), owned.workflow(), null, spec.cron(), spec.timezone(),
                    spec.input(), spec.misfire(), owned.paused(), owned.managedBy(), next, owned.lastFireAt(),
                    owned.lastExecutionId(), owned.lastError(), owned.createdAt(), now);
            if (!sameSettings(owned, updated)) {
                schedules.update(tx, actor.orgId(), updated);
                audit.record(tx, actor, "schedule.update", "schedule", owned.id(), details(workflow, owned.name())
                        .put("cron", spec.cron()).put("timezone", spec.timezone()));
            }
        }
    }

    private static Instant nextFire(ScheduleSpec spec, Instant now) {
        return CronSchedule.parse(spec.cron(), TimeZones.parse(spec.timezone())).nextAfter(now).orElse(null);
    }

    private static boolean sameSettings(Schedule a, Schedule b) {
        return a.cron().equals(b.cron()) && a.timezone().equals(b.timezone()) && Objects.equals(a.input(), b.input())
                && a.misfire().equals(b.misfire());
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode details(Workflow workflow, String name) {
        return Json.object().put("name", name).put("managed_by", Schedule.MANAGED_BY_DEFINITION)
                .put("workflow_version", workflow.version());
    }
}
