package dev.agentplane.executions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.agents.AgentService;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.common.Filters;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.Times;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.store.Database;
import dev.agentplane.store.Sql;
import dev.agentplane.executions.engine.Engine;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.workflows.definition.Inputs;
import dev.agentplane.workflows.definition.WorkflowDefinition;
import java.time.Instant;
import dev.agentplane.usage.LimitService;
import dev.agentplane.usage.UsageMeter;
import dev.agentplane.workflows.Workflow;
import dev.agentplane.workflows.WorkflowService;
import java.time.Clock;
import java.util.List;

/**
 * Executions as agents report them: started against a pinned workflow version, then completed or failed once.
 * Token counts and cost accumulate from the execution's events until completion reports the totals.
 */
public final class ExecutionService {
    public static final List<String> STATUSES = List.of(Execution.RUNNING, Execution.PAUSED, Execution.COMPLETED,
            Execution.FAILED, Execution.CANCELLED);

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final WorkflowService workflows;
    private final AgentService agents;
    private final LimitService limits;
    private final UsageMeter usage;
    private final Engine engine;
    private final ExecutionRepository executions = new ExecutionRepository();

    public ExecutionService(Database database, AuditLog audit, Clock clock, WorkflowService workflows,
                            AgentService agents, LimitService limits, UsageMeter usage, Engine engine) {
        this.engine = engine;
        this.limits = limits;
        this.usage = usage;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.workflows = workflows;
        this.agents = agents;
    }

    /**
     * Starts an execution of a workflow version and schedules its first step; without {@code agent_id} it is
     * attributed to the agent the caller's key is bound to. With an idempotency key, a second start with the same
     * key returns the first execution (whatever the body says) instead of starting another.
     */
    public Started start(Actor actor, StartExecution request, String idempotencyKey) {
        return start(actor, request, idempotencyKey, null);
    }

    /**
     * The execution of a sub-workflow that workflow step run {@code parentStepRunId} starts and waits for; started
     * once per step run (a run that tries again after a crash gets the execution it started).
     */
    public Execution startChild(String orgId, String parentStepRunId, StartExecution request) {
        var existing = database.read(sql -> executions.findByParentStepRun(sql, orgId, parentStepRunId));
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return start(Actor.system(orgId), request, null, parentStepRunId).execution();
        } catch (Sql.UniqueViolation startedMeanwhile) {
            return database.read(sql -> executions.findByParentStepRun(sql, orgId, parentStepRunId)).orElseThrow();
        }
    }

    private Started start(Actor actor, StartExecution request, String idempotencyKey, String parentStepRunId) {
        request.validate();
        StartExecution.checkIdempotencyKey(idempotencyKey);
        actor.requireActingAs(request.agentId(), "start an execution");
        String agentId = request.agentId() != null ? request.agentId() : actor.agentId();
        if (idempotencyKey != null) {
            var existing = database.read(sql -> executions.findByIdempotencyKey(sql, actor.orgId(), idempotencyKey));
            if (existing.isPresent()) {
                return new Started(existing.get(), false);
            }
        }
        try {
            Execution started = database.inTransaction(tx -> begin(tx, actor, request, idempotencyKey, agentId,
                    parentStepRunId));
            engine.wake();
            return new Started(started, true);
        } catch (Sql.UniqueViolation sameKeyMeanwhile) {
            if (idempotencyKey == null) {
                throw sameKeyMeanwhile;
            }
            return new Started(database.read(sql -> executions.findByIdempotencyKey(sql, actor.orgId(), idempotencyKey))
                    .orElseThrow(() -> sameKeyMeanwhile), false);
        }
    }

    /**
     * In the caller's transaction: starts an execution the server itself triggers (a schedule's fire), or returns the
     * one an earlier start with the same idempotency key made. Refusals are the same problems {@link #start} throws;
     * the caller wakes the engine with {@link Engine#wake} after commit.
     */
    public Execution startInTransaction(Sql tx, Actor actor, StartExecution request, String idempotencyKey) {
        request.validate();
        StartExecution.checkIdempotencyKey(idempotencyKey);
        var existing = executions.findByIdempotencyKey(tx, actor.orgId(), idempotencyKey);
        return existing.isPresent() ? existing.get() : begin(tx, actor, request, idempotencyKey, request.agentId(), null);
    }

    private Execution begin(Sql tx, Actor actor, StartExecution request, String idempotencyKey, String agentId,
                            String parentStepRunId) {
        if (parentStepRunId != null) {
            requireGoingOn(tx, actor.orgId(), parentStepRunId, "sub-workflow");
        }
        Workflow workflow = workflows.versionToRun(tx, actor, request.workflow(), request.version(), request.routingKey());
        WorkflowDefinition definition = runnable(tx, actor, workflow);
        agents.requireAgent(tx, actor, "/agent_id", request.agentId());
        JsonNode input = Inputs.resolve(workflow.name(), definition.inputs(), nullIfJsonNull(request.input()));
        limits.startExecution(tx, actor.orgId());
        Instant now = Times.now(clock);
        Execution execution = new Execution(Ids.newId(), workflow.id(), workflow.name(), workflow.version(), agentId,
                Execution.RUNNING, input, null, null, 0, 0, 0, now, null, null);
        executions.insert(tx, actor.orgId(), execution, idempotencyKey,
                definition.timeout() == null ? null : now.plus(definition.timeout()).toEpochMilli(), parentStepRunId);
        engine.begin(tx, actor.orgId(), execution, definition);
        audit.record(tx, actor, "execution.start", "execution", execution.id(), Json.object()
                .put("workflow", workflow.name()).put("version", workflow.version()).put("agent_id", agentId));
        return execution;
    }

    public Execution start(Actor actor, StartExecution request) {
        return start(actor, request, null).execution();
    }

    /** An execution just started ({@code created}), or the one an earlier start with the same idempotency key made. */
    public record Started(Execution execution, boolean created) {}

    private WorkflowDefinition runnable(Sql tx, Actor actor, Workflow workflow) {
        try {
            return workflows.definition(tx, actor.orgId(), workflow.id());
        } catch (IllegalStateException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    /** The step runs of an execution, in the order they were scheduled: its trace. */
    public List<ExecutionStep> steps(Actor actor, String id) {
        checkId(id);
        return database.read(sql -> {
            find(sql, actor, id);
            return engine.steps(sql, id);
        });
    }

    public Execution get(Actor actor, String id) {
        checkId(id);
        return database.read(sql -> find(sql, actor, id));
    }

    public Page<Execution> list(Actor actor, ExecutionFilter filter, PageRequest page) {
        checkFilter(filter);
        return database.read(sql -> executions.list(sql, actor.orgId(), filter, page));
    }

    /** Success, duration and cost of each version of {@code workflow} that ran, from {@code from} to {@code to}. */
    public List<VersionStats> compareVersions(Actor actor, String workflow, java.time.Instant from, java.time.Instant to) {
        workflows.get(actor, workflow); // 404 for a workflow that does not exist
        return database.read(sql -> executions.statsByVersion(sql, actor.orgId(), new ExecutionFilter(workflow, null, null, from, to)));
    }

    public ExecutionStats stats(Actor actor, ExecutionFilter filter) {
        checkFilter(filter);
        return database.read(sql -> executions.stats(sql, actor.orgId(), filter));
    }

    public Execution complete(Actor actor, String id, CompleteExecution request) {
        checkId(id);
        request.validate();
        return finish(actor, id, "complete", Execution.COMPLETED, request.output(), null, request.usage());
    }

    /** Stops a running execution: its waiting and queued steps are cancelled; a step running now finishes unrecorded. */
    public Execution cancel(Actor actor, String id, CancelExecution request) {
        checkId(id);
        request.validate();
        return finish(actor, id, "cancel", Execution.CANCELLED, null, request.reason(), new Usage(null, null, null));
    }

    /** Stops claiming the execution's steps; steps running now finish, and waiting ones can still be woken. */
    public Execution pause(Actor actor, String id) {
        return move(actor, id, "pause", Execution.RUNNING, Execution.PAUSED);
    }

    public Execution resume(Actor actor, String id) {
        Execution resumed = move(actor, id, "resume", Execution.PAUSED, Execution.RUNNING);
        engine.wake();
        return resumed;
    }

    /**
     * Runs a failed execution again from the top-level step that failed (a step that failed inside a container runs
     * its whole container again); the steps before it keep their results.
     */
    public Execution retry(Actor actor, String id) {
        checkId(id);
        Execution retried = database.inTransaction(tx -> {
            find(tx, actor, id);
            if (!executions.reopen(tx, actor.orgId(), id)) {
                throw ConflictException.illegalTransition("execution", id, "retry", find(tx, actor, id).status());
            }
            engine.retryFailedStep(tx, actor.orgId(), id);
            audit.record(tx, actor, "execution.retry", "execution", id, null);
            return find(tx, actor, id);
        });
        engine.wake();
        return retried;
    }

    /** Starts a new execution of the same workflow version with the same input and agent. */
    public Execution replay(Actor actor, String id) {
        Execution original = get(actor, id);
        return start(actor, new StartExecution(original.workflowName(), original.workflowVersion(), original.agentId(),
                original.input()));
    }

    /** Failed executions, newest first, each with the step run that failed it: the dead-letter list. */
    public Page<DeadLetter> deadLetters(Actor actor, PageRequest page) {
        Page<Execution> failed = list(actor, new ExecutionFilter(null, null, Execution.FAILED, null, null), page);
        return database.read(sql -> failed.map(execution -> new DeadLetter(execution,
                engine.failedStep(sql, execution.id()).orElse(null))));
    }

    private Execution move(Actor actor, String id, String action, String from, String to) {
        checkId(id);
        return database.inTransaction(tx -> {
            find(tx, actor, id);
            if (!executions.move(tx, actor.orgId(), id, from, to)) {
                throw ConflictException.illegalTransition("execution", id, action, find(tx, actor, id).status());
            }
            engine.note(tx, actor.orgId(), id, "execution." + to);
            audit.record(tx, actor, "execution." + action, "execution", id, null);
            return find(tx, actor, id);
        });
    }

    public Execution fail(Actor actor, String id, FailExecution request) {
        checkId(id);
        request.validate();
        return finish(actor, id, "fail", Execution.FAILED, request.output(), request.error(), request.usage());
    }

    /**
     * In the caller's transaction: 404 when {@code executionId} names no execution of the organization, at
     * {@code pointer} in the body, or (pointer null) about the execution the path names. An absent reference
     * (null id) is not checked.
     */
    public void requireExecution(Sql tx, Actor actor, String pointer, String executionId) {
        if (executionId != null && !executions.exists(tx, actor.orgId(), executionId)) {
            throw pointer == null ? new NotFoundException("execution", executionId)
                    : NotFoundException.referenced(pointer, "execution", executionId);
        }
    }

    /** In the caller's transaction: adds usage an event reports to the totals of execution {@code id}. */
    public void addUsage(Sql tx, Actor actor, String id, Usage reported) {
        if (!reported.isEmpty()) {
            executions.addUsage(tx, actor.orgId(), id, reported);
        }
    }

    /**
     * In the transaction that opens work for step run {@code stepRunId} (a task, an approval's escalation, a handoff,
     * a sub-workflow's execution): refuses with a 409 when the run no longer goes on, because its execution ended or
     * because the run was stopped inside a running execution (a parallel's other branch won, its block failed).
     * <p>
     * Whatever stops a run changes the run's row first and withdraws what the run opened later in the same
     * transaction (an execution's end cancels every active run of it). This locks the run's row, so the opening
     * either commits first (the stop waits for the row, and its withdrawal then sees the new work) or waits for the
     * stop to commit, sees it, and opens nothing. Without it, a worker that read its run going on could open work
     * after the stop and leave it open (and claimable) for good. Only the run's row is locked, not the execution's:
     * that would make the openings of parallel branches wait for each other and for every step the execution records.
     * Locks are taken in the order every writer of an execution uses: its row, its runs' rows, then their work's.
     */
    public void requireGoingOn(Sql tx, String orgId, String stepRunId, String what) {
        ExecutionRepository.LockedStepRun run = executions.lockStepRun(tx, orgId, stepRunId)
                .orElseThrow(() -> new NotFoundException("step run", stepRunId));
        if (run.goesOn()) {
            return;
        }
        String status = executions.status(tx, orgId, run.executionId()).orElse(Execution.CANCELLED);
        if (!status.equals(Execution.RUNNING) && !status.equals(Execution.PAUSED)) {
            throw new ConflictException("execution '" + run.executionId() + "' is " + status + ": its steps open no " + what);
        }
        throw new ConflictException("step '" + run.stepId() + "' (run " + stepRunId + ") of execution '" + run.executionId()
                + "' is " + run.status() + ": it opens no " + what);
    }

    /** 400 naming the {@code execution_id} parameter when {@code id} is not a UUID (an unknown one is a 404). */
    public static void checkId(String id) {
        Filters.id("execution_id", id);
    }

    private Execution finish(Actor actor, String id, String action, String status, JsonNode output, String error,
                             Usage totals) {
        return database.inTransaction(tx -> {
            Execution current = find(tx, actor, id);
            if (!(current.status().equals(Execution.RUNNING) || current.status().equals(Execution.PAUSED))
                    || !executions.finish(tx, actor.orgId(), id, status, nullIfJsonNull(output), error, totals, Times.now(clock))) {
                throw ConflictException.illegalTransition("execution", id, action, find(tx, actor, id).status());
            }
            engine.endedFromOutside(tx, actor.orgId(), id, status);
            usage.add(tx, actor.orgId(), totals.beyond(current));
            audit.record(tx, actor, "execution." + action, "execution", id, Json.object().put("status", status));
            return find(tx, actor, id);
        });
    }

    private Execution find(Sql sql, Actor actor, String id) {
        return executions.find(sql, actor.orgId(), id).orElseThrow(() -> new NotFoundException("execution", id));
    }

    private static void checkFilter(ExecutionFilter filter) {
        Filters.oneOf("status", filter.status(), STATUSES);
        Filters.id("agent_id", filter.agentId());
    }

    private static JsonNode nullIfJsonNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
