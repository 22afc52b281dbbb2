package dev.agentplane.schedules;

import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.BackgroundTask;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Times;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionService;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.executions.engine.Engine;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.OrgService;
import dev.agentplane.tenancy.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fire loop every node runs. It claims one due schedule at a time and, in one transaction, inserts the fire row
 * keyed by (schedule, fire time) with ON CONFLICT DO NOTHING, starts the execution only if that insert took (with an
 * idempotency key made of the same pair as a second guard), and advances the schedule's next fire time. Nodes need
 * no leader: the row lock (SKIP LOCKED on PostgreSQL) splits due schedules between them, and a fire time can be
 * recorded, and so started, once.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Bounds one run, so a backlog does not hold the loop (and shutdown) for long. */
    private static final int MAX_FIRES_PER_RUN = 1_000;

    private final Database database;
    private final Clock clock;
    private final AuditLog audit;
    private final ExecutionService executions;
    private final OrgService orgs;
    private final Engine engine;
    private final ScheduleRepository schedules = new ScheduleRepository();
    private BackgroundTask loop;

    public Scheduler(Database database, Clock clock, AuditLog audit, ExecutionService executions, OrgService orgs,
                     Engine engine) {
        this.database = database;
        this.clock = clock;
        this.audit = audit;
        this.executions = executions;
        this.orgs = orgs;
        this.engine = engine;
    }

    /** Starts this node's fire loop: about every second, and at once when woken. */
    public synchronized void start() {
        if (loop == null) {
            loop = BackgroundTask.every(INTERVAL, "scheduler", this::fireDue);
        }
    }

    /** A schedule changed: look for due fires now rather than at the next tick (on this node). */
    public void wake() {
        BackgroundTask current;
        synchronized (this) {
            current = loop;
        }
        if (current != null) {
            current.wake();
        }
    }

    /** Fires every schedule due now, each in its own transaction; returns how many fires it handled. */
    public int fireDue() {
        if (!database.read(sql -> schedules.anyDue(sql, Times.now(clock)))) {
            return 0;
        }
        int fired = 0;
        while (fired < MAX_FIRES_PER_RUN && fireNext()) {
            fired++;
        }
        if (fired > 0) {
            engine.wake();
        }
        return fired;
    }

    private boolean fireNext() {
        Instant now = Times.now(clock);
        AtomicReference<ScheduleRepository.Due> claimed = new AtomicReference<>();
        try {
            return database.inTransaction(tx -> {
                Optional<ScheduleRepository.Due> due = schedules.claimDue(tx, now);
                due.ifPresent(d -> {
                    claimed.set(d);
                    fire(tx, d.orgId(), d.schedule(), now);
                });
                return due.isPresent();
            });
        } catch (LostRace e) {
            return true;
        } catch (RuntimeException e) {
            ScheduleRepository.Due failed = claimed.get();
            if (failed == null) {
                throw e;
            }
            // Record the failure on its own, so that one schedule failing does not stop it or the others.
            LOG.warn("firing schedule {} due at {} failed; recording the failure", failed.schedule().id(),
                    failed.schedule().nextFireAt(), e);
            database.inTransaction(tx -> {
                schedules.findDueAt(tx, failed.orgId(), failed.schedule().id(), failed.schedule().nextFireAt())
                        .ifPresent(schedule -> recordFailure(tx, failed.orgId(), schedule, now));
                return null;
            });
            return true;
        }
    }

    private void fire(Sql tx, String orgId, Schedule schedule, Instant now) {
        Instant fireAt = schedule.nextFireAt();
        boolean missed = now.isAfter(fireAt.plus(Misfire.GRACE));
        PendingFire pending = pending(schedule, now);
        if (!schedules.insertFire(tx, orgId, pending.row())) {
            // This fire time was handled before (the schedule was set back to it): advance without starting again.
            advance(tx, orgId, schedule, missed, now, null, schedule.lastError());
            return;
        }
        ScheduleFire outcome;
        if (!orgs.isActive(tx, orgId)) {
            outcome = pending.refused("org_disabled", "the organization is disabled; its schedules start nothing");
        } else if (missed && Misfire.SKIP.equals(schedule.misfire())) {
            outcome = pending.skipped("misfire_skipped", "missed: due at " + fireAt + " but no server fired it until "
                    + now + "; misfire policy skip waits for the next fire time");
        } else {
            outcome = start(tx, orgId, schedule, pending);
        }
        schedules.finishFire(tx, orgId, outcome);
        record(tx, orgId, schedule, missed, now, outcome);
    }

    private void recordFailure(Sql tx, String orgId, Schedule schedule, Instant now) {
        boolean missed = now.isAfter(schedule.nextFireAt().plus(Misfire.GRACE));
        ScheduleFire failed = pending(schedule, now).refused("internal_error", "the server failed to fire the schedule; "
                + "its log has the details (schedule " + schedule.id() + ", fire time " + schedule.nextFireAt() + ")");
        if (schedules.insertFire(tx, orgId, failed)) {
            record(tx, orgId, schedule, missed, now, failed);
        } else {
            advance(tx, orgId, schedule, missed, now, null, schedule.lastError());
        }
    }

    private ScheduleFire start(Sql tx, String orgId, Schedule schedule, PendingFire pending) {
        Actor actor = actorFor(orgId, schedule);
        String idempotencyKey = "schedule:" + schedule.id() + ":" + schedule.nextFireAt().toEpochMilli();
        // Under a rollout, fires split between versions by weight; the key keeps each fire's choice stable.
        StartExecution request = new StartExecution(schedule.workflow(), schedule.version(), null, schedule.input(),
                idempotencyKey);
        try {
            Execution started = tx.withSavepoint(() -> executions.startInTransaction(tx, actor, request, idempotencyKey));
            return pending.started(started.id());
        } catch (ProblemException refused) {
            return pending.refused(reasonOf(refused), refused.detail());
        }
    }

    private void record(Sql tx, String orgId, Schedule schedule, boolean missed, Instant now, ScheduleFire outcome) {
        audit.record(tx, actorFor(orgId, schedule), "schedule.fire", "schedule", schedule.id(), Json.object()
                .put("fire_at", outcome.fireAt().toString()).put("status", outcome.status())
                .put("execution_id", outcome.executionId()).put("reason", outcome.reason()));
        advance(tx, orgId, schedule, missed, now, outcome.executionId(), outcome.error());
    }

    /** On time, the next fire time follows this one; after a miss, it is the first one after now (no catch-up). */
    private void advance(Sql tx, String orgId, Schedule schedule, boolean missed, Instant now, String executionId,
                         String error) {
        Instant next = schedule.timing().nextAfter(missed ? now : schedule.nextFireAt()).orElse(null);
        if (!schedules.advance(tx, orgId, schedule.id(), schedule.nextFireAt(), next, executionId, error, now)) {
            throw new LostRace();
        }
    }

    private static Actor actorFor(String orgId, Schedule schedule) {
        return new Actor(orgId, null, null, Role.ADMIN, "schedule:" + schedule.id());
    }

    private static String reasonOf(ProblemException refused) {
        return switch (refused.status()) {
            case 429 -> "usage_limit_reached";
            case 404 -> "workflow_not_found";
            case 409 -> "workflow_not_runnable";
            case 400 -> "invalid_input";
            default -> "start_refused";
        };
    }

    private static PendingFire pending(Schedule schedule, Instant now) {
        return new PendingFire(new ScheduleFire(Ids.newId(), schedule.id(), schedule.nextFireAt(), now, "pending",
                null, null, null));
    }

    /** The fire row as inserted, before its outcome is known (no one sees it in that state: same transaction). */
    private record PendingFire(ScheduleFire row) {
        ScheduleFire started(String executionId) {
            return with(ScheduleFire.STARTED, executionId, null, null);
        }

        ScheduleFire skipped(String reason, String error) {
            return with(ScheduleFire.SKIPPED, null, reason, error);
        }

        ScheduleFire refused(String reason, String error) {
            return with(ScheduleFire.REFUSED, null, reason, error);
        }

        private ScheduleFire with(String status, String executionId, String reason, String error) {
            return new ScheduleFire(row.id(), row.scheduleId(), row.fireAt(), row.firedAt(), status, executionId, reason,
                    error);
        }
    }

    /** Another transaction changed the schedule between claim and advance: it is not this node's fire any more. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super(null, null, false, false);
        }
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.close();
            loop = null;
        }
    }
}
