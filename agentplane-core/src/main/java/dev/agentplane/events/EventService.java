package dev.agentplane.events;

import dev.agentplane.agents.AgentService;
import dev.agentplane.audit.AuditLog;
import dev.agentplane.audit.Redactor;
import dev.agentplane.common.Ids;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.Times;
import dev.agentplane.executions.ExecutionService;
import dev.agentplane.store.Database;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.usage.UsageCounts;
import dev.agentplane.usage.UsageMeter;
import java.time.Clock;
import java.util.List;

/** Events of executions: recorded by agents, read back as an execution's trail. */
public final class EventService {
    /** Agents report a step they ran with this event type; the meter counts it as a step run. */
    public static final String STEP_COMPLETED = "step.completed";

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final ExecutionService executions;
    private final AgentService agents;
    private final UsageMeter usage;
    private final EventRepository events = new EventRepository();

    public EventService(Database database, AuditLog audit, Clock clock, ExecutionService executions,
                        AgentService agents, UsageMeter usage) {
        this.usage = usage;
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.executions = executions;
        this.agents = agents;
    }

    /**
     * Records an event and adds its usage to the execution's totals in the same transaction; without
     * {@code agent_id} it is attributed to the agent the caller's key is bound to.
     */
    public Event record(Actor actor, NewEvent request) {
        return record(actor, request, "/execution_id");
    }

    /** Records an event of the execution named in the path. */
    public Event record(Actor actor, String executionId, NewExecutionEvent request) {
        ExecutionService.checkId(executionId);
        return record(actor, request.forExecution(executionId), null);
    }

    private Event record(Actor actor, NewEvent request, String executionPointer) {
        request.validate();
        actor.requireActingAs(request.agentId(), "record an event");
        Event event = new Event(Ids.newId(), request.executionId(),
                request.agentId() != null ? request.agentId() : actor.agentId(), request.type(),
                Redactor.redactText(request.message()),
                request.data() == null || request.data().isNull() ? null : Redactor.redact(request.data()), request.tokensIn(),
                request.tokensOut(), request.costUsd(), Times.now(clock));
        return database.inTransaction(tx -> {
            executions.requireExecution(tx, actor, executionPointer, request.executionId());
            agents.requireAgent(tx, actor, "/agent_id", request.agentId());
            executions.addUsage(tx, actor, request.executionId(), request.usage());
            usage.add(tx, actor.orgId(), STEP_COMPLETED.equals(event.type())
                    ? request.usage().counts().plus(UsageCounts.stepRun()) : request.usage().counts());
            Event stored = events.insert(tx, actor.orgId(), event);
            audit.record(tx, actor, "event.create", "event", event.id(),
                    Json.object().put("execution_id", event.executionId()).put("type", event.type()));
            return stored;
        });
    }

    public Page<Event> list(Actor actor, String executionId, PageRequest page) {
        return list(actor, executionId, null, page);
    }

    /** The events of an execution in seq order, after {@code afterSeq} when given. */
    public Page<Event> list(Actor actor, String executionId, Long afterSeq, PageRequest page) {
        ExecutionService.checkId(executionId);
        Page<Event> trail = database.read(sql -> events.listOf(sql, actor.orgId(), executionId, afterSeq, page));
        if (trail.items().isEmpty()) {
            executions.get(actor, executionId); // an empty page of an unknown execution is a 404
        }
        return trail;
    }

    /** Up to {@code limit} events of an execution after {@code afterSeq}, in seq order (for streams: no 404 check). */
    public List<Event> after(Actor actor, String executionId, long afterSeq, int limit) {
        return database.read(sql -> events.after(sql, actor.orgId(), executionId, afterSeq, limit));
    }

    /** Up to {@code limit} events of the caller's organization after a stream position, matching {@code filter}. */
    public List<StreamedEvent> stream(Actor actor, StreamFilter filter, long afterPosition, int limit) {
        return database.read(sql -> events.stream(sql, actor.orgId(), filter, afterPosition, limit));
    }

    /** The position of the latest numbered event: a stream that starts now resumes after it. */
    public long streamHead() {
        return database.read(new EventSequencer()::head);
    }

    /** The latest {@code perExecution} events of each of {@code executionIds}, oldest first. */
    public List<Event> latestOf(Actor actor, List<String> executionIds, int perExecution) {
        return database.read(sql -> events.latestOf(sql, actor.orgId(), executionIds, perExecution));
    }
}
