package dev.agentplane.schedules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Filters;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.JsonInput;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.Times;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.workflows.Workflow;
import dev.agentplane.workflows.WorkflowService;
import dev.agentplane.workflows.definition.Inputs;
import dev.agentplane.workflows.definition.WorkflowDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/** Schedules as callers manage them through the API; firing them is the {@link Scheduler}'s job. */
public final class ScheduleService {
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final WorkflowService workflows;
    private final Scheduler scheduler;
    private final ScheduleRepository schedules = new ScheduleRepository();

    public ScheduleService(Database database, AuditLog audit, Clock clock, WorkflowService workflows, Scheduler scheduler) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.workflows = workflows;
        this.scheduler = scheduler;
    }

    public Schedule create(Actor actor, ScheduleFields fields) {
        fields.validate();
        Instant now = Times.now(clock);
        Schedule created = database.inTransaction(tx -> {
            checkWorkflow(tx, actor, fields);
            Schedule schedule = new Schedule(Ids.newId(), fields.name(), fields.workflow(), fields.version(), fields.cron(),
                    fields.timezone(), fields.input(), fields.misfire(), fields.paused(), Schedule.MANAGED_BY_API,
                    fields.paused() ? null : nextFire(fields.cron(), fields.timezone(), now), null, null, null, now, now);
            try {
                schedules.insert(tx, actor.orgId(), schedule);
            } catch (Sql.UniqueViolation e) {
                throw nameTaken(fields.name());
            }
            audit.record(tx, actor, "schedule.create", "schedule", schedule.id(), fields);
            return schedule;
        });
        scheduler.wake();
        return created;
    }

    public Schedule get(Actor actor, String id) {
        checkId(id);
        return database.read(sql -> find(sql, actor, id));
    }

    public Page<Schedule> list(Actor actor, ScheduleFilter filter, PageRequest page) {
        return database.read(sql -> schedules.list(sql, actor.orgId(), filter, page));
    }

    /** The fires of a schedule, newest first. */
    public Page<ScheduleFire> fires(Actor actor, String id, PageRequest page) {
        checkId(id);
        return database.read(sql -> {
            find(sql, actor, id);
            return schedules.fires(sql, actor.orgId(), id, page);
        });
    }

    /**
     * Applies the fields present in {@code patch} (a JSON merge of the creation fields). A new cron expression or
     * time zone, or resuming, computes the next fire time afresh from now.
     */
    public Schedule update(Actor actor, String id, ObjectNode patch) {
        checkId(id);
        Schedule updated = database.inTransaction(tx -> {
            Schedule current = findForUpdate(tx, actor, id);
            requireManagedByApi(current, "update");
            ObjectNode merged = Json.MAPPER.valueToTree(new ScheduleFields(current.name(), current.workflow(),
                    current.version(), current.cron(), current.timezone(), current.input(), current.misfire(),
                    current.paused()));
            merged.setAll(patch);
            ScheduleFields fields = JsonInput.bind(merged, ScheduleFields.class);
            fields.validate();
            if (!current.workflow().equals(fields.workflow()) || !java.util.Objects.equals(current.version(), fields.version())
                    || !java.util.Objects.equals(current.input(), fields.input())) {
                checkWorkflow(tx, actor, fields);
            }
            Instant now = Times.now(clock);
            boolean timingChanged = !current.cron().equals(fields.cron()) || !current.timezone().equals(fields.timezone());
            Instant next = fields.paused() ? null : current.paused() || timingChanged
                    ? nextFire(fields.cron(), fields.timezone(), now) : current.nextFireAt();
            Schedule changed = new Schedule(id, fields.name(), fields.workflow(), fields.version(), fields.cron(),
                    fields.timezone(), fields.input(), fields.misfire(), fields.paused(), current.managedBy(), next,
                    current.lastFireAt(), current.lastExecutionId(), current.lastError(), current.createdAt(), now);
            try {
                schedules.update(tx, actor.orgId(), changed);
            } catch (Sql.UniqueViolation e) {
                throw nameTaken(fields.name());
            }
            audit.record(tx, actor, "schedule.update", "schedule", id, patch);
            return changed;
        });
        scheduler.wake();
        return updated;
    }

    /** Stops firing until resumed (a definition's schedule too); pausing a paused schedule changes nothing. */
    public Schedule pause(Actor actor, String id) {
        return setPaused(actor, id, true, "schedule.pause", now -> null);
    }

    /** Fires again from the next fire time after now: times passed while paused are not caught up. */
    public Schedule resume(Actor actor, String id) {
        Schedule resumed = setPaused(actor, id, false, "schedule.resume", null);
        scheduler.wake();
        return resumed;
    }

    private Schedule setPaused(Actor actor, String id, boolean paused, String action, Function<Instant, Instant> next) {
        checkId(id);
        return database.inTransaction(tx -> {
            Schedule current = findForUpdate(tx, actor, id);
            if (current.paused() == paused) {
                return current;
            }
            Instant now = Times.now(clock);
            Instant nextFire = next != null ? next.apply(now) : nextFire(current.cron(), current.timezone(), now);
            Schedule changed = new Schedule(id, current.name(), current.workflow(), current.version(), current.cron(),
                    current.timezone(), current.input(), current.misfire(), paused, current.managedBy(), nextFire,
                    current.lastFireAt(), current.lastExecutionId(), current.lastError(), current.createdAt(), now);
            schedules.update(tx, actor.orgId(), changed);
            audit.record(tx, actor, action, "schedule", id, Json.object().put("name", current.name()));
            return changed;
        });
    }

    /** Deletes the schedule and its fires; executions it started stay. */
    public void delete(Actor actor, String id) {
        checkId(id);
        database.inTransaction(tx -> {
            Schedule current = findForUpdate(tx, actor, id);
            requireManagedByApi(current, "delete");
            schedules.delete(tx, actor.orgId(), id);
            audit.record(tx, actor, "schedule.delete", "schedule", id, Json.object().put("name", current.name()));
            return null;
        });
    }

    /**
     * The workflow must exist with a runnable version (the pinned one, or an active one), and {@code input} must suit
     * that version's inputs; later versions may still refuse it at fire time, which the fire then records.
     */
    private void checkWorkflow(Sql tx, Actor actor, ScheduleFields fields) {
        Workflow workflow = workflows.versionToRun(tx, actor, fields.workflow(), fields.version());
        WorkflowDefinition definition;
        try {
            definition = workflows.definition(tx, actor.orgId(), workflow.id());
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
        Inputs.resolve(workflow.name(), definition.inputs(), fields.input());
    }

    private static Instant nextFire(String cron, String timezone, Instant now) {
        return CronSchedule.parse(cron, TimeZones.parse(timezone)).nextAfter(now).orElse(null);
    }

    private static void requireManagedByApi(Schedule schedule, String action) {
        if (schedule.managedByDefinition()) {
            throw new ConflictException("cannot " + action + " schedule '" + schedule.name() + "': it follows the schedule: "
                    + "of workflow '" + schedule.workflow() + "'; change or remove schedule: in a new version of the "
                    + "workflow (pause and resume work on it)");
        }
    }

    private Schedule find(Sql sql, Actor actor, String id) {
        return schedules.find(sql, actor.orgId(), id).orElseThrow(() -> new NotFoundException("schedule", id));
    }

    private Schedule findForUpdate(Sql tx, Actor actor, String id) {
        return schedules.findForUpdate(tx, actor.orgId(), id).orElseThrow(() -> new NotFoundException("schedule", id));
    }

    /** 400 naming the {@code schedule_id} parameter when {@code id} is not a UUID (an unknown one is a 404). */
    private static void checkId(String id) {
        Filters.id("schedule_id", id);
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("a schedule named '" + name + "' already exists in this organization; "
                + "choose another name or update the existing schedule");
    }
}
