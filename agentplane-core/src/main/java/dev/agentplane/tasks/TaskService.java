package dev.agentplane.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.agents.Agent;
import dev.agentplane.agents.AgentService;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Filters;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.executions.ExecutionService;
import dev.agentplane.executions.engine.StepWakeups;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tasks: work for external agents. A workflow's task step opens one; an agent with the capability claims it (a
 * long poll waits for one to appear), renews its lease while working, then completes or fails it, which wakes the
 * step. A task whose claimer stops renewing becomes claimable again.
 */
public final class TaskService {
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final StepWakeups wakeups;
    private final AgentService agents;
    private final ExecutionService executions;
    private final TaskRepository tasks = new TaskRepository();
    private final Object opened = new Object();

    public TaskService(Database database, AuditLog audit, Clock clock, StepWakeups wakeups, AgentService agents,
                       ExecutionService executions) {
        this.executions = executions;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.wakeups = wakeups;
        this.agents = agents;
    }

    /**
     * The task attempt {@code attempt} of a task step run opens; a run that tries again gets the one it opened. None
     * is opened once the run was stopped or its execution ended (409): see {@link ExecutionService#requireGoingOn}.
     */
    public Task openForStep(String orgId, String stepRunId, int attempt, String executionId, String stepId,
                            String capability, JsonNode input) {
        Optional<Task> existing = database.read(sql -> tasks.findByStepRun(sql, orgId, stepRunId, attempt));
        if (existing.isPresent()) {
            return existing.get();
        }
        Task task = new Task(Ids.newId(), executionId, stepId, attempt, capability, input, Task.OPEN, null, 0, null,
                null, null, Instant.ofEpochMilli(clock.millis()), null, null);
        try {
            database.inTransaction(tx -> {
                executions.requireGoingOn(tx, orgId, stepRunId, "task");
                tasks.insert(tx, orgId, stepRunId, task);
                return null;
            });
        } catch (Sql.UniqueViolation openedMeanwhile) {
            return database.read(sql -> tasks.findByStepRun(sql, orgId, stepRunId, attempt)).orElseThrow();
        }
        synchronized (opened) {
            opened.notifyAll();
        }
        return task;
    }

    /** Claims a task for the caller's agent, waiting up to {@code wait_seconds} for one; empty when none came. */
    public Optional<Task> claim(Actor actor, ClaimTask request) throws InterruptedException {
        request.validate();
        actor.requireActingAs(request.agentId(), "claim a task");
        String agentId = request.agentId() != null ? request.agentId() : actor.agentId();
        if (agentId == null) {
            throw InvalidInputException.body("/agent_id", "is required for a key not bound to an agent",
                    "pass the id of the agent that will do the work");
        }
        List<String> capabilities = capabilitiesOf(actor, agentId, request.capabilities());
        // How long to hold the request open is network time, not business time: it follows the real clock.
        long waitUntil = System.nanoTime() + (request.waitSeconds() == null ? 0 : request.waitSeconds()) * 1_000_000_000L;
        while (true) {
            long now = clock.millis();
            Optional<Task> claimed = database.inTransaction(tx -> {
                Optional<Task> task = tasks.claim(tx, actor.orgId(), capabilities, agentId, now, now + request.leaseOrDefault() * 1000L);
                task.ifPresent(t -> audit.record(tx, actor, "task.claim", "task", t.id(), Json.object().put("agent_id", agentId)));
                return task;
            });
            long leftMillis = (waitUntil - System.nanoTime()) / 1_000_000;
            if (claimed.isPresent() || leftMillis <= 0) {
                return claimed;
            }
            synchronized (opened) {
                // Tasks opened on this node notify at once; those opened on another node are seen within a second.
                opened.wait(Math.min(leftMillis, 1_000));
            }
        }
    }

    public Task heartbeat(Actor actor, String id, TaskResult.Heartbeat request) {
        request.validate();
        Filters.id("task_id", id);
        int lease = request.leaseSeconds() == null ? ClaimTask.DEFAULT_LEASE_SECONDS : request.leaseSeconds();
        return database.inTransaction(tx -> {
            if (!tasks.renew(tx, actor.orgId(), id, claimer(actor), clock.millis() + lease * 1000L)) {
                throw notHeld(tx, actor, id, "renew");
            }
            return find(tx, actor, id);
        });
    }

    public Task complete(Actor actor, String id, TaskResult.Complete request) {
        request.validate();
        return finish(actor, id, "complete", Task.COMPLETED, request.output(), null, null);
    }

    public Task fail(Actor actor, String id, TaskResult.Fail request) {
        request.validate();
        return finish(actor, id, "fail", Task.FAILED, null, request.error(), request.retryableOrDefault());
    }

    public Task get(Actor actor, String id) {
        Filters.id("task_id", id);
        return database.read(sql -> find(sql, actor, id));
    }

    public Page<Task> list(Actor actor, TaskFilter filter, PageRequest page) {
        Filters.oneOf("status", filter.status(), Task.STATUSES);
        Filters.id("execution_id", filter.executionId());
        return database.read(sql -> tasks.list(sql, actor.orgId(), filter, actor.agentScope(), page));
    }

    /** In the transaction that ends an execution: its open and claimed tasks are cancelled. */
    public void cancelOfExecution(Sql tx, String executionId) {
        tasks.cancelOfExecution(tx, executionId, clock.millis());
    }

    /**
     * In the transaction that stops step runs {@code stepRunIds} while their execution goes on (cancelled, or failed
     * for good, or about to try again): the open and claimed tasks they opened are cancelled.
     */
    public void cancelOfStepRuns(Sql tx, List<String> stepRunIds) {
        tasks.cancelOfStepRuns(tx, stepRunIds, clock.millis());
    }

    /** For the task step: whether the agent that failed the task said it may be tried again. */
    public boolean retryableById(String orgId, String id) {
        return database.read(sql -> tasks.retryable(sql, id));
    }

    private Task finish(Actor actor, String id, String action, String status, JsonNode output, String error, Boolean retryable) {
        Filters.id("task_id", id);
        Task task = database.inTransaction(tx -> {
            // The step run's row first, then the task's: the order in which a cancel takes them (it stops the runs,
            // then withdraws their tasks). The other order could deadlock with a cancel on PostgreSQL.
            tasks.stepRunOf(tx, actor.orgId(), id).ifPresent(stepRunId -> wakeups.wake(tx, stepRunId));
            if (!tasks.finish(tx, actor.orgId(), id, claimer(actor), status, output, error, retryable, clock.millis())) {
                throw notHeld(tx, actor, id, action);
            }
            audit.record(tx, actor, "task." + action, "task", id, Json.object().put("status", status));
            return find(tx, actor, id);
        });
        wakeups.signal();
        return task;
    }

    /** An agent key may only move tasks its agent claimed; people's keys may act for any claimer. */
    private static String claimer(Actor actor) {
        return actor.role() == Role.AGENT ? actor.agentId() : null;
    }

    private List<String> capabilitiesOf(Actor actor, String agentId, List<String> requested) {
        Agent agent = agents.get(actor, agentId);
        List<String> registered = agent.capabilities();
        if (requested == null) {
            if (registered.isEmpty()) {
                throw InvalidInputException.body("/capabilities", "agent " + agentId + " has no registered capabilities",
                        "register its capabilities (PATCH /v1/agents/" + agentId + ") or name them in capabilities");
            }
            return registered;
        }
        List<String> unknown = requested.stream().filter(c -> !registered.contains(c)).toList();
        if (!unknown.isEmpty()) {
            throw InvalidInputException.body("/capabilities", "agent " + agentId + " does not have " + unknown,
                    "claim only capabilities the agent registered: " + registered);
        }
        return requested;
    }

    private RuntimeException notHeld(Sql tx, Actor actor, String id, String action) {
        Task task = find(tx, actor, id);
        if (task.status().equals(Task.CLAIMED)) {
            return new ConflictException("cannot " + action + " task '" + id + "': agent " + task.claimedBy()
                    + " holds it; only the claiming agent's key may " + action + " it");
        }
        return ConflictException.illegalTransition("task", id, action, task.status());
    }

    private Task find(Sql sql, Actor actor, String id) {
        return tasks.find(sql, actor.orgId(), id)
                .filter(task -> actor.agentScope() == null || task.status().equals(Task.OPEN) || actor.agentScope().equals(task.claimedBy()))
                .orElseThrow(() -> new NotFoundException("task", id));
    }
}
