package dev.agentplane.executions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.executions.Execution;
import dev.agentplane.expressions.ExpressionContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a step's expressions see: the execution's inputs, the finished steps visible from the step's scope (a step
 * inside a foreach sees its own iteration's steps over same-named ones outside), and inside a foreach the current
 * {@code item} and {@code index}.
 */
final class Variables {
    private Variables() {}

    static ExpressionContext of(Execution execution, List<StepRun> runs, String scope, Map<String, String> secrets) {
        ExpressionContext.Builder context = ExpressionContext.builder()
                .inputs(execution.input())
                .secrets(secrets)
                .execution(Json.object().put("id", execution.id()).put("workflow", execution.workflowName())
                        .put("version", execution.workflowVersion()).put("started_at", execution.startedAt().toString()));
        runs.stream()
                .filter(run -> scope.startsWith(run.scope()) && !run.status().equals(StepRun.PENDING)
                        && !run.status().equals(StepRun.RUNNING))
                .sorted(Comparator.comparingInt((StepRun run) -> run.scope().length()).thenComparing(StepRun::id))
                .forEach(run -> context.step(run.stepId(), run.output(), run.status(), error(run), run.attempt()));
        foreachItem(runs, scope, context);
        return context.build();
    }

    private static JsonNode error(StepRun run) {
        return run.error() == null ? null : Json.object().put("code", run.errorCode()).put("message", run.error());
    }

    /** The scope of iteration {@code index} of foreach run {@code foreach}. */
    static String iterationScope(StepRun foreach, int index) {
        return foreach.scope() + foreach.stepId() + "[" + index + "]/";
    }

    private static void foreachItem(List<StepRun> runs, String scope, ExpressionContext.Builder context) {
        if (scope.isEmpty()) {
            return;
        }
        String withoutSlash = scope.substring(0, scope.length() - 1);
        int segmentStart = withoutSlash.lastIndexOf('/') + 1;
        String segment = withoutSlash.substring(segmentStart);
        int bracket = segment.lastIndexOf('[');
        String stepId = segment.substring(0, bracket);
        int index = Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1));
        String parentScope = scope.substring(0, segmentStart);
        runs.stream().filter(run -> run.stepId().equals(stepId) && run.scope().equals(parentScope)).findFirst()
                .ifPresent(foreach -> context.item(foreach.state().path("items").path(index), index));
    }
}
