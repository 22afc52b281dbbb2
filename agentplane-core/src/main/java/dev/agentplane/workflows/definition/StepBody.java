package dev.agentplane.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a step does, by type. Fields holding {@code JsonNode} are templates: their {@code ${{ … }}} expressions
 * are rendered when the step runs; fields named for a condition or expression are CEL.
 */
public sealed interface StepBody {

    /** Child blocks the step runs, by block name (containers only). */
    default Map<String, List<Step>> blocks() {
        return Map.of();
    }

    record Tool(String tool, JsonNode with) implements StepBody {}

    record Agent(String team, String agent, JsonNode task, JsonNode with) implements StepBody {}

    /** {@code options} are the reading hints (locale, region, reference_time, timezone) of an interpret request. */
    record Interpret(JsonNode data, JsonNode schema, JsonNode context, JsonNode options, String strategy,
                     JsonNode confidenceThreshold, String model) implements StepBody {}

    record Approval(JsonNode reason, JsonNode context, String priority, JsonNode assignedTo, OnError onReject)
            implements StepBody {}

    record Handoff(JsonNode fromAgentId, JsonNode toAgentId, JsonNode toCapability, JsonNode reason, JsonNode context)
            implements StepBody {}

    record Task(String capability, JsonNode input) implements StepBody {}

    record If(String condition, List<Step> then, List<Step> otherwise) implements StepBody {
        @Override
        public Map<String, List<Step>> blocks() {
            return Map.of("then", then, "else", otherwise);
        }
    }

    record Switch(String value, Map<String, List<Step>> cases, List<Step> otherwise) implements StepBody {
        public static final String DEFAULT_BLOCK = "default";

        @Override
        public Map<String, List<Step>> blocks() {
            Map<String, List<Step>> blocks = new java.util.LinkedHashMap<>();
            cases.forEach((value, steps) -> blocks.put("case:" + value, steps));
            blocks.put(DEFAULT_BLOCK, otherwise);
            return blocks;
        }
    }

    record Parallel(List<Branch> branches, Join join) implements StepBody {
        public enum Join { ALL, FIRST }

        public record Branch(String name, List<Step> steps) {}

        @Override
        public Map<String, List<Step>> blocks() {
            Map<String, List<Step>> blocks = new java.util.LinkedHashMap<>();
            branches.forEach(branch -> blocks.put("branch:" + branch.name(), branch.steps()));
            return blocks;
        }
    }

    record Foreach(JsonNode items, int concurrency, List<Step> steps) implements StepBody {
        @Override
        public Map<String, List<Step>> blocks() {
            return Map.of("each", steps);
        }
    }

    record SubWorkflow(String workflow, Integer version, JsonNode input) implements StepBody {}

    record Sleep(Duration duration) implements StepBody {}

    record WaitUntil(JsonNode until) implements StepBody {}

    record StateGet(JsonNode namespace, JsonNode key) implements StepBody {}

    record StateSet(JsonNode namespace, JsonNode key, JsonNode value, Duration ttl) implements StepBody {}

    record Set(JsonNode values) implements StepBody {}

    record Fail(JsonNode message) implements StepBody {}
}
