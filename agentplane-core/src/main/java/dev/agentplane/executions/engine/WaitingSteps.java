package dev.agentplane.executions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.escalations.Escalation;
import dev.agentplane.escalations.NewEscalation;
import dev.agentplane.executions.CancelExecution;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.handoffs.Handoff;
import dev.agentplane.handoffs.NewHandoff;
import dev.agentplane.tasks.Task;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.workflows.definition.Step;
import dev.agentplane.workflows.definition.StepBody;
import java.time.Clock;
import java.util.function.Function;

/**
 * Steps that wait for something outside the engine. The first look opens it (an escalation, a handoff, a task, a
 * sub-workflow's execution) and waits without holding a worker; whatever ends it wakes the run, and the next look
 * turns its result into the step's outcome. A step with a {@code timeout} fails with code {@code timeout} when
 * nothing happened in time.
 */
final class WaitingSteps {
    /** "Until woken": far enough ahead never to come due by itself. */
    static final long FOREVER = 253_402_300_799_999L;

    private final Collaborators services;
    private final Clock clock;

    WaitingSteps(Collaborators services, Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    /** What to render templates with, and to read as text. */
    interface Templates extends Function<JsonNode, JsonNode> {
        default String text(JsonNode template) {
            JsonNode value = apply(template);
            return value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
        }
    }

    Outcome approval(StepRun run, Step step, StepBody.Approval approval, Execution execution, Templates templates) {
        if (!run.state().has("escalation_id")) {
            JsonNode context = templates.apply(approval.context());
            Escalation opened = services.escalations().openForStep(run.orgId(), run.id(), new NewEscalation(
                    templates.text(approval.reason()), context == null ? Json.object() : context, approval.priority(),
                    templates.text(approval.assignedTo()), execution.id(), execution.agentId()));
            return waitFor(run, step, "escalation_id", opened.id());
        }
        Escalation escalation = services.escalations().get(Actor.system(run.orgId()), run.state().get("escalation_id").asText());
        return switch (escalation.status()) {
            case Escalation.RESOLVED -> new Outcome.Done(Json.object().put("resolved_by", escalation.resolvedBy())
                    .put("resolved_at", String.valueOf(escalation.resolvedAt())).set("resolution", escalation.resolution()));
            case Escalation.DISMISSED -> new Outcome.Failed(REJECTED, "the approval was dismissed"
                    + (escalation.dismissReason() == null ? "" : ": " + escalation.dismissReason()), false);
            default -> stillWaiting(run, "no decision on escalation " + escalation.id());
        };
    }

    Outcome handoff(StepRun run, Step step, StepBody.Handoff handoff, Execution execution, Templates templates) {
        if (!run.state().has("handoff_id")) {
            String from = templates.text(handoff.fromAgentId()) != null ? templates.text(handoff.fromAgentId()) : execution.agentId();
            if (from == null) {
                return new Outcome.Failed("handoff.from", "a handoff step needs from_agent_id, or an execution started "
                        + "by or for an agent (agent_id)", false);
            }
            JsonNode context = templates.apply(handoff.context());
            Handoff opened = services.handoffs().openForStep(run.orgId(), run.id(), new NewHandoff(from,
                    templates.text(handoff.toAgentId()), templates.text(handoff.toCapability()), context,
                    templates.text(handoff.reason()), execution.id()));
            return waitFor(run, step, "handoff_id", opened.id());
        }
        Handoff current = services.handoffs().get(Actor.system(run.orgId()), run.state().get("handoff_id").asText());
        return switch (current.status()) {
            case Handoff.COMPLETED -> new Outcome.Done(Json.object().put("accepted_by", current.acceptedBy())
                    .set("result", current.result()));
            case Handoff.REJECTED -> new Outcome.Failed("handoff.rejected", "the handoff was rejected"
                    + (current.rejectionReason() == null ? "" : ": " + current.rejectionReason()), false);
            default -> stillWaiting(run, "handoff " + current.id() + " is still " + current.status());
        };
    }

    Outcome task(StepRun run, Step step, StepBody.Task task, Execution execution, Templates templates) {
        if (!run.state().has("task_id")) {
            Task opened = services.tasks().openForStep(run.orgId(), run.id(), run.attempt(), execution.id(), step.id(),
                    task.capability(), templates.apply(task.input()));
            return waitFor(run, step, "task_id", opened.id());
        }
        Task current = services.tasks().get(Actor.system(run.orgId()), run.state().get("task_id").asText());
        return switch (current.status()) {
            case Task.COMPLETED -> new Outcome.Done(current.output());
            case Task.FAILED -> new Outcome.Failed("task.failed", current.error(),
                    services.tasks().retryableById(run.orgId(), current.id()));
            case Task.CANCELLED -> new Outcome.Failed("task.cancelled", "task " + current.id() + " was cancelled", false);
            default -> stillWaiting(run, "no agent finished task " + current.id());
        };
    }

    Outcome workflow(StepRun run, Step step, StepBody.SubWorkflow sub, Execution execution, Templates templates) {
        if (!run.state().has("execution_id")) {
            Execution child = services.executions().startChild(run.orgId(), run.id(),
                    new StartExecution(sub.workflow(), sub.version(), execution.agentId(), templates.apply(sub.input())));
            return waitFor(run, step, "execution_id", child.id());
        }
        String childId = run.state().get("execution_id").asText();
        Execution child = services.executions().get(Actor.system(run.orgId()), childId);
        return switch (child.status()) {
            case Execution.COMPLETED -> new Outcome.Done(child.output());
            case Execution.FAILED -> new Outcome.Failed("workflow.failed", "sub-workflow " + child.workflowName()
                    + " (execution " + childId + ") failed: " + child.error(), false);
            case Execution.CANCELLED -> new Outcome.Failed("workflow.cancelled", "sub-workflow " + child.workflowName()
                    + " (execution " + childId + ") was cancelled", false);
            default -> {
                Outcome waiting = stillWaiting(run, "sub-workflow execution " + childId + " did not finish");
                if (waiting instanceof Outcome.Failed) {
                    services.executions().cancel(Actor.system(run.orgId()), childId,
                            new CancelExecution("the parent step '" + step.id() + "' timed out"));
                }
                yield waiting;
            }
        };
    }

    static final String REJECTED = "approval.rejected";

    /** Opening failed because of what the step asked for (a 4xx of the service): the step fails, not retried. */
    static Outcome refused(String type, ProblemException problem) {
        return new Outcome.Failed(type + ".refused", problem.detail(), false);
    }

    private Outcome waitFor(StepRun run, Step step, String field, String id) {
        long until = step.timeout() == null ? FOREVER : clock.millis() + step.timeout().toMillis();
        ObjectNode state = Json.object().put(field, id).put("until", until);
        return new Outcome.Wait(state, until);
    }

    private Outcome stillWaiting(StepRun run, String what) {
        long until = run.state().path("until").asLong(FOREVER);
        if (clock.millis() >= until) {
            return new Outcome.Failed("timeout", what + " within the step's timeout", false);
        }
        return new Outcome.Wait(run.state(), until);
    }
}
