package dev.agentplane.server.mcp;

import dev.agentplane.AgentPlane;
import dev.agentplane.agents.AgentFields;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.escalations.NewEscalation;
import dev.agentplane.events.NewEvent;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.handoffs.AcceptHandoff;
import dev.agentplane.handoffs.CompleteHandoff;
import dev.agentplane.handoffs.NewHandoff;
import dev.agentplane.interpret.InterpretRequest;
import dev.agentplane.state.PutStateRequest;
import dev.agentplane.state.StateCondition;
import dev.agentplane.tasks.ClaimTask;
import dev.agentplane.tasks.TaskResult;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.workflows.Workflow;
import dev.agentplane.workflows.WorkflowFilter;
import dev.agentplane.workflows.WorkflowTemplates;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each tool does: the same service call, with the same validation, audit and errors, as the HTTP operation
 * it stands for (named in mcp-tools.yaml). A handler returns the value the HTTP operation would answer with.
 */
final class ToolHandlers {
    /** How many of an execution's latest events execution_get includes unless asked otherwise. */
    static final int DEFAULT_EVENTS = 20;

    @FunctionalInterface
    interface Handler {
        Object call(Actor actor, ToolArguments arguments) throws InterruptedException;
    }

    /** A workflow in a list: its definition is a resource (agentplane://workflows/{name}), not repeated here. */
    record WorkflowSummary(String name, int version, String description, boolean active, Instant createdAt, String uri) {}

    private ToolHandlers() {}

    static Map<String, Handler> of(AgentPlane plane, WorkflowTemplates templates) {
        Map<String, Handler> handlers = new HashMap<>();
        handlers.put("state_get", (actor, args) -> {
            args.onlyThese("namespace", "key");
            return plane.state().get(actor, args.string("namespace", "name the namespace, e.g. \"invoices\""),
                    args.string("key", "name the key, e.g. \"inv-42\""));
        });
        handlers.put("state_set", (actor, args) -> {
            String namespace = args.string("namespace", "name the namespace, e.g. \"invoices\"");
            String key = args.string("key", "name the key, e.g. \"inv-42\"");
            StateCondition condition = stateCondition(args);
            PutStateRequest request = args.body(PutStateRequest.class, "namespace", "key", "if_version", "create_only");
            return plane.state().put(actor, namespace, key, request, condition).entry();
        });
        handlers.put("interpret", (actor, args) -> plane.interpret().interpret(actor, args.body(InterpretRequest.class)));
        handlers.put("escalate", (actor, args) -> plane.escalations().create(actor, args.body(NewEscalation.class)));
        handlers.put("escalation_get", (actor, args) -> {
            args.onlyThese("escalation_id");
            return plane.escalations().get(actor, args.id("escalation_id"));
        });
        handlers.put("handoff_create", (actor, args) -> plane.handoffs().create(actor, args.body(NewHandoff.class)));
        handlers.put("handoff_accept", (actor, args) -> plane.handoffs().accept(actor, args.id("handoff_id"),
                args.body(AcceptHandoff.class, "handoff_id")));
        handlers.put("handoff_complete", (actor, args) -> plane.handoffs().complete(actor, args.id("handoff_id"),
                args.body(CompleteHandoff.class, "handoff_id")));
        handlers.put("task_claim", (actor, args) -> {
            Map<String, Object> claimed = new LinkedHashMap<>();
            claimed.put("task", plane.tasks().claim(actor, args.body(ClaimTask.class)).orElse(null));
            return claimed;
        });
        handlers.put("task_complete", (actor, args) -> plane.tasks().complete(actor, args.id("task_id"),
                args.body(TaskResult.Complete.class, "task_id")));
        handlers.put("execution_start", (actor, args) -> plane.executions().start(actor,
                args.body(StartExecution.class, "idempotency_key"), idempotencyKey(args)).execution());
        handlers.put("execution_get", (actor, args) -> {
            args.onlyThese("execution_id", "events");
            String id = args.id("execution_id");
            Integer events = args.optionalInteger("events", 0, 200);
            return executionReport(plane, actor, id, events == null ? DEFAULT_EVENTS : events);
        });
        handlers.put("workflows_list", (actor, args) -> {
            args.onlyThese("name_prefix", "active", "limit", "cursor");
            WorkflowFilter filter = new WorkflowFilter(args.optionalString("name_prefix"), args.optionalBoolean("active"));
            return plane.workflows().list(actor, filter, args.page()).map(ToolHandlers::summary);
        });
        handlers.put("templates_list", (actor, args) -> {
            args.onlyThese("limit", "cursor");
            return templates.list(args.page());
        });
        handlers.put("agent_register", (actor, args) -> plane.agents().register(actor, args.body(AgentFields.class)));
        handlers.put("event_record", (actor, args) -> plane.events().record(actor, args.body(NewEvent.class)));
        return handlers;
    }

    private static StateCondition stateCondition(ToolArguments args) {
        Integer version = args.optionalInteger("if_version", 1, Integer.MAX_VALUE);
        boolean createOnly = Boolean.TRUE.equals(args.optionalBoolean("create_only"));
        if (version != null && createOnly) {
            throw InvalidInputException.body("/create_only",
                    "cannot be combined with if_version", "pass if_version to update a known version, or create_only "
                            + "to create the entry only if it does not exist, not both");
        }
        if (version != null) {
            return new StateCondition.VersionIs(version);
        }
        return createOnly ? new StateCondition.Absent() : StateCondition.ALWAYS;
    }

    /** The HTTP API's Idempotency-Key header as an argument, checked here so that the error names the argument. */
    private static String idempotencyKey(ToolArguments args) {
        String key = args.optionalString("idempotency_key");
        if (key != null && (key.isBlank() || key.length() > 200)) {
            throw InvalidInputException.body("/idempotency_key",
                    "must be 1 to 200 characters", "send a unique value per logical start, e.g. a UUID");
        }
        return key;
    }

    /** The execution, every step run, and its latest events (oldest first). */
    private static Map<String, Object> executionReport(AgentPlane plane, Actor actor, String id, int events) {
        Execution execution = plane.executions().get(actor, id);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("execution", execution);
        report.put("steps", plane.executions().steps(actor, id));
        report.put("events", events == 0 ? List.of() : plane.events().latestOf(actor, List.of(id), events));
        return report;
    }

    static WorkflowSummary summary(Workflow workflow) {
        return new WorkflowSummary(workflow.name(), workflow.version(), workflow.description(), workflow.active(),
                workflow.createdAt(), McpResources.workflowUri(workflow.name()));
    }
}
