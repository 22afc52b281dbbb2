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
    public static final List<String> STATUSES = List.of(Execution.RUNNING, Execution.COMPLETED, Execution.FAILED,
            Execution.CANCELLED);

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
            Execution started = database.inTransaction(tx -> begin(tx, actor, request, idempotencyKey, agentId));
            engine.wake();
            return new Started(started, true);
        } catch (Sql.UniqueViolation sameKeyMeanwhile) {
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
        return existing.isPresent() ? existing.get() : begin(tx, actor, request, idempotencyKey, request.agentId());
    }

    private Execution begin(Sql tx, Actor actor, StartExecution request, String idempotencyKey, String agentId) {
        Workflow workflow = workflows.versionToRun(tx, actor, request.workflow(), request.version());
        WorkflowDefinition definition = runnable(tx, actor, workflow);
        agents.requireAgent(tx, actor, "/agent_id", request.agentId());
        JsonNode input = Inputs.resolve(workflow.name(), definition.inputs(), nullIfJsonNull(request.input()));
        limits.startExecution(tx, actor.orgId());
        Instant now = Times.now(clock);
        Execution execution = new Execution(Ids.newId(), workflow.id(), workflow.name(), workflow.version(), agentId,
                Execution.RUNNING, input, null, null, 0, 0, 0, now, null, null);
        executions.insert(tx, actor.orgId(), execution, idempotencyKey,
                definition.timeout() == null ? null : now.plus(definition.timeout()).toEpochMilli());
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

    /** 400 naming the {@code execution_id} parameter when {@code id} is not a UUID (an unknown one is a 404). */
    public static void checkId(String id) {
        Filters.id("execution_id", id);
    }

    private Execution finish(Actor actor, String id, String action, String status, JsonNode output, String error,
                             Usage totals) {
        return database.inTransaction(tx -> {
            Execution current = find(tx, actor, id);
            if (!current.status().equals(Execution.RUNNING)
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
