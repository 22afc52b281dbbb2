package dev.agentplane.escalations;

import dev.agentplane.agents.AgentService;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Filters;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.Times;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.common.problems.Transitions;
import dev.agentplane.executions.ExecutionService;
import dev.agentplane.executions.engine.StepWakeups;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import dev.agentplane.tenancy.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Escalations to humans: opened, optionally claimed, then resolved with a decision or dismissed. */
public final class EscalationService {
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final AgentService agents;
    private final ExecutionService executions;
    private final StepWakeups wakeups;
    private final EscalationRepository escalations = new EscalationRepository();

    public EscalationService(Database database, AuditLog audit, Clock clock, StepWakeups wakeups, AgentService agents,
                             ExecutionService executions) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.agents = agents;
        this.executions = executions;
        this.wakeups = wakeups;
    }

    /** Opens an escalation; without {@code agent_id} it is attributed to the agent the caller's key is bound to. */
    public Escalation create(Actor actor, NewEscalation request) {
        return create(actor, request, null);
    }

    private Escalation create(Actor actor, NewEscalation request, String stepRunId) {
        request.validate();
        actor.requireActingAs(request.agentId(), "open an escalation");
        Instant now = Times.now(clock);
        Escalation escalation = new Escalation(Ids.newId(), request.reason(),
                request.context() == null || request.context().isNull() ? Json.object() : request.context(),
                request.priority(), Escalation.OPEN, request.assignedTo(), request.executionId(),
                request.agentId() != null ? request.agentId() : actor.agentId(), null, null, null, now, now, null);
        return database.inTransaction(tx -> {
            if (stepRunId != null) {
                executions.requireGoingOn(tx, actor.orgId(), stepRunId, "approval");
            }
            executions.requireExecution(tx, actor, "/execution_id", request.executionId());
            agents.requireAgent(tx, actor, "/agent_id", request.agentId());
            escalations.insert(tx, actor.orgId(), escalation);
            if (stepRunId != null) {
                escalations.linkToStep(tx, escalation.id(), stepRunId);
            }
            audit.record(tx, actor, "escalation.create", "escalation", escalation.id(), request);
            return escalation;
        });
    }

    public Escalation get(Actor actor, String id) {
        return database.read(sql -> find(sql, actor, id));
    }

    /** The escalation an approval step run opened, if it opened one. */
    public Optional<Escalation> ofStepRun(Actor actor, String stepRunId) {
        return database.read(sql -> escalations.findByStepRun(sql, actor.orgId(), stepRunId));
    }

    public Page<Escalation> list(Actor actor, EscalationFilter filter, PageRequest page) {
        Filters.oneOf("status", filter.status(), Escalation.STATUSES);
        Filters.oneOf("priority", filter.priority(), Escalation.PRIORITIES);
        return database.read(sql -> escalations.list(sql, actor.orgId(), filter, actor.agentScope(), page));
    }

    public Escalation claim(Actor actor, String id, ClaimEscalation request) {
        request.validate();
        String assignee = request.assignedTo() != null ? request.assignedTo() : callerOf(actor);
        return database.inTransaction(tx -> {
            if (!escalations.claim(tx, actor.orgId(), id, assignee, Times.now(clock))) {
                throw refused(tx, actor, id, "claim");
            }
            Escalation claimed = find(tx, actor, id);
            audit.record(tx, actor, "escalation.claim", "escalation", id,
                    claimed.assignedTo() == null ? null : Map.of("assigned_to", claimed.assignedTo()));
            return claimed;
        });
    }

    /** Resolves an escalation; an approval step waiting for it goes on, with the resolution as its output. */
    public Escalation resolve(Actor actor, String id, ResolveEscalation request) {
        request.validate();
        String resolvedBy = request.resolvedBy() != null ? request.resolvedBy() : callerOf(actor);
        Escalation resolved = database.inTransaction(tx -> {
            wakeWaitingStep(tx, actor, id);
            if (!escalations.resolve(tx, actor.orgId(), id, request, resolvedBy, Times.now(clock))) {
                throw refused(tx, actor, id, "resolve");
            }
            audit.record(tx, actor, "escalation.resolve", "escalation", id, request);
            return find(tx, actor, id);
        });
        wakeups.signal();
        return resolved;
    }

    /**
     * The escalation an approval step opens, in its own transaction, linked to the step run it wakes when resolved
     * or dismissed. A run that tries again (its worker died after opening it) gets the one it opened.
     */
    public Escalation openForStep(String orgId, String stepRunId, NewEscalation request) {
        Actor engine = Actor.system(orgId);
        return database.read(sql -> escalations.findByStepRun(sql, orgId, stepRunId)).orElseGet(() -> {
            try {
                return create(engine, request, stepRunId);
            } catch (Sql.UniqueViolation openedMeanwhile) {
                return database.read(sql -> escalations.findByStepRun(sql, orgId, stepRunId)).orElseThrow();
            }
        });
    }

    /**
     * Wakes the approval step waiting for escalation {@code id}. Called before the escalation's row is changed: the
     * step run's row is locked first, as a cancel does (it stops the runs, then withdraws their escalations), so the
     * two cannot deadlock on PostgreSQL.
     */
    private void wakeWaitingStep(Sql tx, Actor actor, String id) {
        escalations.stepRunOf(tx, actor.orgId(), id).ifPresent(stepRunId -> wakeups.wake(tx, stepRunId));
    }

    /** Dismisses an escalation; an approval step waiting for it follows its on_reject. */
    public Escalation dismiss(Actor actor, String id, DismissEscalation request) {
        request.validate();
        Escalation dismissed = database.inTransaction(tx -> {
            wakeWaitingStep(tx, actor, id);
            if (!escalations.dismiss(tx, actor.orgId(), id, request.reason(), Times.now(clock))) {
                throw refused(tx, actor, id, "dismiss");
            }
            audit.record(tx, actor, "escalation.dismiss", "escalation", id, request);
            return find(tx, actor, id);
        });
        wakeups.signal();
        return dismissed;
    }

    /**
     * In the transaction that ends an execution: the approvals its steps still wait for are dismissed with
     * {@code reason}, so nobody is left asked to answer them. Escalations agents opened about it stay.
     */
    public void withdrawOfEndedExecution(Sql tx, String executionId, String reason) {
        escalations.dismissOpenedByStepsOf(tx, executionId, reason, Times.now(clock));
    }

    /**
     * In the transaction that stops step runs {@code stepRunIds} while their execution goes on: the approvals they
     * still wait for are dismissed with {@code reason}.
     */
    public void withdrawOfStepRuns(Sql tx, List<String> stepRunIds, String reason) {
        escalations.dismissOpenedBySteps(tx, stepRunIds, reason, Times.now(clock));
    }

    /** Who the caller is, for a default assignee or resolver: its bound agent, else its key. */
    private static String callerOf(Actor actor) {
        return actor.agentId() != null ? actor.agentId() : actor.keyId();
    }

    /** The conditional update changed nothing: the escalation is gone or another caller moved it first. */
    private ProblemException refused(Sql tx, Actor actor, String id, String action) {
        return Transitions.refused(escalations.find(tx, actor.orgId(), id).map(Escalation::status), "escalation", id,
                action);
    }

    private Escalation find(Sql sql, Actor actor, String id) {
        String scope = actor.agentScope();
        return escalations.find(sql, actor.orgId(), id).filter(escalation -> scope == null || scope.equals(escalation.agentId()))
                .orElseThrow(() -> new NotFoundException("escalation", id));
    }
}
