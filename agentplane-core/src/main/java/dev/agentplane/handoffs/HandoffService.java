package dev.agentplane.handoffs;

import dev.agentplane.agents.AgentService;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Filters;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.Times;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.common.problems.InvalidInputException;
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

/** Handoffs of work between agents: created pending, then accepted and completed, or rejected. */
public final class HandoffService {
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final AgentService agents;
    private final ExecutionService executions;
    private final StepWakeups wakeups;
    private final HandoffRepository handoffs = new HandoffRepository();

    public HandoffService(Database database, AuditLog audit, Clock clock, StepWakeups wakeups, AgentService agents,
                          ExecutionService executions) {
        this.wakeups = wakeups;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.agents = agents;
        this.executions = executions;
    }

    public Handoff create(Actor actor, NewHandoff request) {
        return create(actor, request, null);
    }

    /**
     * The handoff a handoff step opens, linked to the step run it wakes when completed or rejected; a run that
     * tries again gets the one it opened.
     */
    public Handoff openForStep(String orgId, String stepRunId, NewHandoff request) {
        return database.read(sql -> handoffs.findByStepRun(sql, orgId, stepRunId)).orElseGet(() -> {
            try {
                return create(Actor.system(orgId), request, stepRunId);
            } catch (Sql.UniqueViolation openedMeanwhile) {
                return database.read(sql -> handoffs.findByStepRun(sql, orgId, stepRunId)).orElseThrow();
            }
        });
    }

    private Handoff create(Actor actor, NewHandoff request, String stepRunId) {
        request.validate();
        actor.requireActingAs(request.fromAgentId(), "hand work off");
        Instant now = Times.now(clock);
        Handoff handoff = new Handoff(Ids.newId(), request.fromAgentId(), request.toAgentId(), request.toCapability(),
                Handoff.PENDING, request.reason(), request.context() == null || request.context().isNull()
                        ? Json.object() : request.context(),
                null, null, request.executionId(), null, now, now, null, null);
        return database.inTransaction(tx -> {
            if (stepRunId != null) {
                executions.requireGoingOn(tx, actor.orgId(), stepRunId, "handoff");
            }
            agents.requireAgent(tx, actor, "/from_agent_id", request.fromAgentId());
            agents.requireAgent(tx, actor, "/to_agent_id", request.toAgentId());
            executions.requireExecution(tx, actor, "/execution_id", request.executionId());
            handoffs.insert(tx, actor.orgId(), handoff);
            if (stepRunId != null) {
                handoffs.linkToStep(tx, handoff.id(), stepRunId);
            }
            audit.record(tx, actor, "handoff.create", "handoff", handoff.id(), request);
            return handoff;
        });
    }

    public Handoff get(Actor actor, String id) {
        return database.read(sql -> find(sql, actor, id));
    }

    public Page<Handoff> list(Actor actor, HandoffFilter filter, PageRequest page) {
        Filters.id("from_agent_id", filter.fromAgentId());
        Filters.id("to_agent_id", filter.toAgentId());
        Filters.oneOf("status", filter.status(), Handoff.STATUSES);
        return database.read(sql -> handoffs.list(sql, actor.orgId(), filter, actor.agentScope(), page));
    }

    /**
     * Accepts a pending handoff. One addressed to an agent is accepted by that agent; one addressed to a
     * capability by the agent named in the request (else the caller's bound agent), which must have it.
     */
    public Handoff accept(Actor actor, String id, AcceptHandoff request) {
        request.validate();
        return database.inTransaction(tx -> {
            Handoff current = find(tx, actor, id);
            if (!Handoff.PENDING.equals(current.status())) {
                throw ConflictException.illegalTransition("handoff", id, "accept", current.status());
            }
            String acceptedBy = acceptingAgent(tx, actor, current, request);
            actor.requireActingAs(acceptedBy, "accept a handoff");
            if (!handoffs.accept(tx, actor.orgId(), id, acceptedBy, Times.now(clock))) {
                throw refused(tx, actor, id, "accept");
            }
            audit.record(tx, actor, "handoff.accept", "handoff", id, Map.of("accepted_by", acceptedBy));
            return find(tx, actor, id);
        });
    }

    public Handoff reject(Actor actor, String id, RejectHandoff request) {
        request.validate();
        return ended(tx -> {
            actor.requireActingAs(find(tx, actor, id).toAgentId(), "reject a handoff addressed");
            wakeWaitingStep(tx, actor, id);
            if (!handoffs.reject(tx, actor.orgId(), id, request.reason(), Times.now(clock))) {
                throw refused(tx, actor, id, "reject");
            }
            audit.record(tx, actor, "handoff.reject", "handoff", id, request);
            return find(tx, actor, id);
        });
    }

    public Handoff complete(Actor actor, String id, CompleteHandoff request) {
        request.validate();
        return ended(tx -> {
            actor.requireActingAs(find(tx, actor, id).acceptedBy(), "complete a handoff accepted");
            wakeWaitingStep(tx, actor, id);
            if (!handoffs.complete(tx, actor.orgId(), id, request, Times.now(clock))) {
                throw refused(tx, actor, id, "complete");
            }
            audit.record(tx, actor, "handoff.complete", "handoff", id, request);
            return find(tx, actor, id);
        });
    }

    /** Runs a change that ends a handoff, then signals the engine in case a handoff step waits for it. */
    private Handoff ended(java.util.function.Function<Sql, Handoff> change) {
        Handoff handoff = database.inTransaction(change);
        wakeups.signal();
        return handoff;
    }

    /**
     * Wakes the handoff step waiting for handoff {@code id}. Called before the handoff's row is changed: the step
     * run's row is locked first, as a cancel does (it stops the runs, then withdraws their handoffs), so the two
     * cannot deadlock on PostgreSQL.
     */
    private void wakeWaitingStep(Sql tx, Actor actor, String id) {
        handoffs.stepRunOf(tx, actor.orgId(), id).ifPresent(stepRunId -> wakeups.wake(tx, stepRunId));
    }

    /**
     * In the transaction that ends an execution: the handoffs its steps opened that nobody accepted yet are
     * withdrawn (rejected with {@code reason}). Accepted ones stay: their agent is at work, and may still complete
     * them; nothing waits for the result any more.
     */
    public void withdrawOfEndedExecution(Sql tx, String executionId, String reason) {
        handoffs.rejectPendingOpenedByStepsOf(tx, executionId, reason, Times.now(clock));
    }

    /**
     * In the transaction that stops step runs {@code stepRunIds} while their execution goes on: the handoffs they
     * opened that nobody accepted yet are withdrawn (rejected with {@code reason}).
     */
    public void withdrawOfStepRuns(Sql tx, List<String> stepRunIds, String reason) {
        handoffs.rejectPendingOpenedBySteps(tx, stepRunIds, reason, Times.now(clock));
    }

    private String acceptingAgent(Sql tx, Actor actor, Handoff handoff, AcceptHandoff request) {
        if (handoff.toAgentId() != null) {
            if (request.agentId() != null && !request.agentId().equals(handoff.toAgentId())) {
                throw InvalidInputException.body("/agent_id", "is not the agent this handoff is addressed to ("
                        + handoff.toAgentId() + ")", "leave agent_id out, or pass " + handoff.toAgentId());
            }
            return handoff.toAgentId();
        }
        String agentId = request.agentId() != null ? request.agentId() : actor.agentId();
        if (agentId == null) {
            throw InvalidInputException.body("/agent_id", "is required to accept a handoff addressed to capability '"
                    + handoff.toCapability() + "'", "name the accepting agent, or use a key bound to that agent");
        }
        agents.requireAgent(tx, actor, "/agent_id", agentId);
        if (!agents.hasCapability(tx, actor, agentId, handoff.toCapability())) {
            throw InvalidInputException.body("/agent_id", "agent '" + agentId + "' does not have capability '"
                    + handoff.toCapability() + "'", "pick an agent whose capabilities include '"
                    + handoff.toCapability() + "', or add the capability to this agent");
        }
        return agentId;
    }

    /** The conditional update changed nothing: the handoff is gone or another caller moved it first. */
    private ProblemException refused(Sql tx, Actor actor, String id, String action) {
        return Transitions.refused(handoffs.find(tx, actor.orgId(), id).map(Handoff::status), "handoff", id, action);
    }

    private Handoff find(Sql sql, Actor actor, String id) {
        return handoffs.find(sql, actor.orgId(), id).filter(handoff -> handoff.visibleTo(actor.agentScope()))
                .orElseThrow(() -> new NotFoundException("handoff", id));
    }
}
