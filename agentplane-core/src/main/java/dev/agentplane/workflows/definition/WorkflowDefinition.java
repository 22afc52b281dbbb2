package dev.agentplane.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A parsed, valid workflow definition; the engine runs it. {@code schedule} is null without {@code schedule:}. */
public record WorkflowDefinition(String name, Map<String, InputSpec> inputs, JsonNode outputs, Duration timeout,
                                 ScheduleSpec schedule, List<Step> steps, Map<String, Step> stepsById) {

    public static WorkflowDefinition of(String name, Map<String, InputSpec> inputs, JsonNode outputs, Duration timeout,
                                        ScheduleSpec schedule, List<Step> steps) {
        Map<String, Step> byId = new HashMap<>();
        index(steps, byId);
        return new WorkflowDefinition(name, inputs, outputs, timeout, schedule, steps, Map.copyOf(byId));
    }

    public Step step(String id) {
        Step step = stepsById.get(id);
        if (step == null) {
            throw new IllegalArgumentException("workflow '" + name + "' has no step '" + id + "'");
        }
        return step;
    }

    private static void index(List<Step> steps, Map<String, Step> byId) {
        for (Step step : steps) {
            byId.put(step.id(), step);
            step.body().blocks().values().forEach(block -> index(block, byId));
        }
    }
}
