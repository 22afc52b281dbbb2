package dev.agentplane.teams.record;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.events.NewExecutionEvent;
import dev.agentplane.executions.Execution;
import dev.agentplane.teams.run.RunEvent;
import dev.agentplane.teams.run.RunOutcome;
import java.util.Optional;

/** A run's events as execution events ({@code team.model.answered}…), and a run's execution as a summary. */
public final class RunEvents {
    private RunEvents() {}

    public static NewExecutionEvent toExecutionEvent(RunEvent event) {
        ObjectNode data = Json.MAPPER.valueToTree(event);
        String type = data.remove("type").asText();
        Long in = null, out = null;
        Double cost = null;
        String message = null;
        if (event instanceof RunEvent.ModelAnswered answer) {
            in = answer.tokensIn();
            out = answer.tokensOut();
            cost = answer.costUsd() == null ? null : answer.costUsd().doubleValue();
            message = answer.agent() + " (step " + answer.step() + ")";
        } else if (event instanceof RunEvent.ToolStarted started) {
            message = started.agent() + " calls " + started.tool();
        }
        return new NewExecutionEvent(null, RunRecords.EVENT_PREFIX + type, message, data, in, out, cost);
    }

    public static Optional<RunEvent> fromExecutionEvent(String type, JsonNode data) {
        if (!type.startsWith(RunRecords.EVENT_PREFIX) || data == null || !data.isObject()) {
            return Optional.empty();
        }
        ObjectNode typed = ((ObjectNode) data).deepCopy().put("type", type.substring(RunRecords.EVENT_PREFIX.length()));
        if (!known(typed.get("type").asText())) {
            return Optional.empty();
        }
        return Optional.of(Json.MAPPER.convertValue(typed, RunEvent.class));
    }

    private static boolean known(String type) {
        for (JsonSubTypes.Type subtype : RunEvent.class.getAnnotation(JsonSubTypes.class).value()) {
            if (subtype.name().equals(type)) {
                return true;
            }
        }
        return false;
    }

    public static ObjectNode output(RunOutcome outcome) {
        ObjectNode output = Json.object().put("status", outcome.status()).put("steps", outcome.steps());
        output.put("result", outcome.result());
        output.put("reason", outcome.reason());
        return output;
    }

    /** A run's summary from its execution as the API shows it. */
    public static RunSummary summary(JsonNode execution) {
        String team = execution.path("workflow_name").asText().substring(RunRecords.WORKFLOW_PREFIX.length());
        JsonNode output = execution.path("output");
        return new RunSummary(execution.path("id").asText(), team, execution.path("input").path("task").asText(null),
                execution.path("status").asText(), output.path("result").asText(null), execution.path("error").asText(null),
                execution.path("tokens_in").asLong(), execution.path("tokens_out").asLong(), execution.path("cost_usd").asDouble(),
                java.time.Instant.parse(execution.path("started_at").asText()),
                execution.path("completed_at").isTextual() ? java.time.Instant.parse(execution.path("completed_at").asText()) : null);
    }

    static RunSummary summary(Execution execution) {
        String team = execution.workflowName().substring(RunRecords.WORKFLOW_PREFIX.length());
        JsonNode output = execution.output() == null ? Json.object() : execution.output();
        return new RunSummary(execution.id(), team, execution.input() == null ? null : execution.input().path("task").asText(null),
                execution.status(), output.path("result").asText(null), execution.error(), execution.tokensIn(),
                execution.tokensOut(), execution.costUsd(), execution.startedAt(), execution.completedAt());
    }
}
