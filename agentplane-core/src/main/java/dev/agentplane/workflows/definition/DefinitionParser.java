package dev.agentplane.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.escalations.Escalation;
import dev.agentplane.expressions.ExpressionError;
import dev.agentplane.expressions.Expressions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a definition tree into a {@link WorkflowDefinition}, reporting every problem with the JSON pointer of the
 * field at fault and how to fix it. Returns null when there was any problem.
 */
public final class DefinitionParser {
    public static final List<String> STEP_TYPES = List.of("tool", "agent", "interpret", "approval", "handoff", "task",
            "if", "switch", "parallel", "foreach", "workflow", "sleep", "wait_until", "state.get", "state.set", "set", "fail");
    private static final Set<String> COMMON_FIELDS = Set.of("id", "type", "name", "description", "when", "retry",
            "timeout", "on_error");
    private static final Map<String, Set<String>> TYPE_FIELDS = Map.ofEntries(
            Map.entry("tool", Set.of("tool", "with")),
            Map.entry("agent", Set.of("team", "agent", "task", "with")),
            Map.entry("interpret", Set.of("data", "schema", "context", "options", "strategy", "confidence_threshold", "model")),
            Map.entry("approval", Set.of("reason", "context", "priority", "assigned_to", "on_reject")),
            Map.entry("handoff", Set.of("from_agent_id", "to_agent_id", "to_capability", "reason", "context")),
            Map.entry("task", Set.of("capability", "input")),
            Map.entry("if", Set.of("condition", "then", "else")),
            Map.entry("switch", Set.of("value", "cases", "default")),
            Map.entry("parallel", Set.of("branches", "join")),
            Map.entry("foreach", Set.of("items", "concurrency", "steps")),
            Map.entry("workflow", Set.of("workflow", "version", "input")),
            Map.entry("sleep", Set.of("duration")),
            Map.entry("wait_until", Set.of("until")),
            Map.entry("state.get", Set.of("namespace", "key")),
            Map.entry("state.set", Set.of("namespace", "key", "value", "ttl")),
            Map.entry("set", Set.of("values")),
            Map.entry("fail", Set.of("message")));
    /** {@code $schema} lets editors find the workflow schema in JSON definitions; the server ignores it. */
    private static final Set<String> ROOT_FIELDS = Set.of("$schema", "name", "description", "inputs", "outputs",
            "defaults", "timeout", "steps", "schedule");
    public static final int MAX_FOREACH_CONCURRENCY = 100;
    /** Fields holding templates ({@code ${{ … }}} values), by step type; checked when the definition is read. */
    private static final Map<String, List<String>> TEMPLATE_FIELDS = Map.ofEntries(
            Map.entry("tool", List.of("with")),
            Map.entry("agent", List.of("task", "with")),
            Map.entry("interpret", List.of("data", "schema", "context", "options", "confidence_threshold")),
            Map.entry("approval", List.of("reason", "context", "assigned_to")),
            Map.entry("handoff", List.of("from_agent_id", "to_agent_id", "to_capability", "reason", "context")),
            Map.entry("task", List.of("input")),
            Map.entry("foreach", List.of("items")),
            Map.entry("workflow", List.of("input")),
            Map.entry("wait_until", List.of("until")),
            Map.entry("state.get", List.of("namespace", "key")),
            Map.entry("state.set", List.of("namespace", "key", "value")),
            Map.entry("set", List.of("values")),
            Map.entry("fail", List.of("message")));
    /** Compiles expressions to check them; compiled programs are cached, so checking a definition again is cheap. */
    private static final Expressions EXPRESSIONS = new Expressions(2_000);
    private static final java.util.regex.Pattern STEP_ID = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,99}");

    /** Receives each problem found. */
    public interface Problems {
        void add(String pointer, String detail, String fix);
    }

    private final Problems problems;
    private final Map<String, String> stepPointers = new HashMap<>();
    private final List<Runnable> gotoChecks = new ArrayList<>();
    private boolean failed;
    private RetryPolicy defaultRetry = RetryPolicy.NONE;
    private Duration defaultTimeout;

    private DefinitionParser(Problems problems) {
        this.problems = problems;
    }

    public static WorkflowDefinition parse(JsonNode root, Problems problems) {
        return new DefinitionParser(problems).root(root);
    }

    private WorkflowDefinition root(JsonNode root) {
        if (!root.isObject()) {
            add("", "is not an object", "write the definition as an object with name and steps");
            return null;
        }
        unknownFields(root, "", ROOT_FIELDS);
        String name = root.path("name").asText(null); // checked by the caller, which knows the naming rules
        string(root, "", "description", false, "describe the workflow in a sentence");
        Map<String, InputSpec> inputs = inputs(root.get("inputs"));
        JsonNode outputs = root.get("outputs");
        if (outputs != null && !outputs.isNull() && !outputs.isObject()) {
            add("/outputs", "is not an object", "map output names to values, e.g. outputs: {total: '${{ steps.sum.output }}'}");
        }
        defaults(root.get("defaults"));
        Duration timeout = duration(root, "", "timeout");
        ScheduleSpec schedule = ScheduleSection.parse(root.get("schedule"), name, inputs, this::add);
        if (outputs != null && outputs.isObject()) {
            report(EXPRESSIONS.check(outputs), "/outputs");
        }
        List<Step> steps = block(root.get("steps"), "/steps", true);
        gotoChecks.forEach(Runnable::run);
        return failed ? null : WorkflowDefinition.of(name, inputs, outputs, timeout, schedule, steps);
    }

    private Map<String, InputSpec> inputs(JsonNode inputs) {
        Map<String, InputSpec> specs = new LinkedHashMap<>();
        if (inputs == null || inputs.isNull()) {
            return specs;
        }
        if (!inputs.isObject()) {
            add("/inputs", "is not an object", "map input names to their type, e.g. inputs: {amount: {type: number}}");
            return specs;
        }
        inputs.fields().forEachRemaining(field -> {
            String pointer = "/inputs/" + escape(field.getKey());
            JsonNode spec = field.getValue();
            if (spec.isTextual()) {
                spec = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", spec.asText());
            }
            if (!spec.isObject()) {
                add(pointer, "is not an object", "write {type: string, required: true} or just the type, e.g. string");
                return;
            }
            unknownFields(spec, pointer, Set.of("type", "required", "default", "description"));
            String type = spec.path("type").asText("any");
            if (!InputSpec.TYPES.contains(type)) {
                add(pointer + "/type", "'" + type + "' is not a type", "use one of " + InputSpec.TYPES);
            }
            JsonNode requiredNode = spec.get("required");
            if (requiredNode != null && !requiredNode.isBoolean()) {
                add(pointer + "/required", "is not true or false", "write required: true, or leave it out");
            }
            boolean required = requiredNode != null && requiredNode.asBoolean(false);
            specs.put(field.getKey(), new InputSpec(type, required, spec.get("default"), spec.path("description").asText(null)));
        });
        return specs;
    }

    private void defaults(JsonNode defaults) {
        if (defaults == null || defaults.isNull()) {
            return;
        }
        if (!defaults.isObject()) {
            add("/defaults", "is not an object", "write defaults: {retry: {max_attempts: 3}, timeout: 5m}");
            return;
        }
        unknownFields(defaults, "/defaults", Set.of("retry", "timeout"));
        defaultRetry = retry(defaults.get("retry"), "/defaults/retry", RetryPolicy.NONE);
        defaultTimeout = duration(defaults, "/defaults", "timeout");
    }

    private List<Step> block(JsonNode steps, String pointer, boolean required) {
        List<Step> parsed = new ArrayList<>();
        if (steps == null || steps.isNull()) {
            if (required) {
                add(pointer, "is required", "list the steps, e.g. steps: [{id: greet, type: tool, tool: core.echo}]");
            }
            return parsed;
        }
        if (!steps.isArray() || steps.isEmpty()) {
            add(pointer, steps.isArray() ? "is empty" : "is not a list",
                    "list at least one step, e.g. [{id: greet, type: tool, tool: core.echo}]");
            return parsed;
        }
        Set<String> idsInBlock = new LinkedHashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = step(steps.get(i), pointer + "/" + i, idsInBlock);
            if (step != null) {
                parsed.add(step);
            }
        }
        return parsed;
    }

    private Step step(JsonNode node, String pointer, Set<String> idsInBlock) {
        if (!node.isObject()) {
            add(pointer, "is not an object", "write each step as an object with id and type");
            return null;
        }
        String id = string(node, pointer, "id", true, "give the step an id unique within the workflow, e.g. id: fetch");
        if (id != null) {
            if (!STEP_ID.matcher(id).matches()) {
                add(pointer + "/id", "'" + id + "' is not a valid step id",
                        "use letters, digits, '_' and '-', starting with a letter or '_' (at most 100 characters)");
            }
            String first = stepPointers.putIfAbsent(id, pointer);
            if (first != null) {
                add(pointer + "/id", "'" + id + "' is already the id of " + first, "give every step a different id");
            }
            idsInBlock.add(id);
        }
        String type = string(node, pointer, "type", true, "give the step a type: one of " + STEP_TYPES);
        if (type == null) {
            return null;
        }
        if (!STEP_TYPES.contains(type)) {
            add(pointer + "/type", "'" + type + "' is not a step type", "use one of " + STEP_TYPES);
            return null;
        }
        Set<String> allowed = new java.util.HashSet<>(COMMON_FIELDS);
        allowed.addAll(TYPE_FIELDS.get(type));
        unknownFields(node, pointer, allowed);
        String when = string(node, pointer, "when", false, "write a CEL condition, e.g. when: inputs.amount > 100");
        RetryPolicy retry = retry(node.get("retry"), pointer + "/retry", defaultRetry);
        Duration timeout = duration(node, pointer, "timeout");
        OnError onError = onError(node.get("on_error"), pointer + "/on_error", idsInBlock);
        StepBody body = body(type, node, pointer, idsInBlock);
        checkExpressions(type, node, pointer);
        return new Step(id, type, pointer, when, retry, timeout != null ? timeout : defaultTimeout, onError, body);
    }

    private StepBody body(String type, JsonNode node, String pointer, Set<String> idsInBlock) {
        return switch (type) {
            case "tool" -> new StepBody.Tool(string(node, pointer, "tool", true, "name the tool, e.g. tool: core.echo"),
                    node.get("with"));
            case "agent" -> {
                String team = string(node, pointer, "team", false, "name a team from teams/, e.g. team: infra-team");
                String agent = string(node, pointer, "agent", false, "name a single agent");
                if (team == null && agent == null) {
                    add(pointer, "names neither a team nor an agent", "add team: <team name> or agent: <agent name>");
                }
                yield new StepBody.Agent(team, agent, required(node, pointer, "task", "say what to do, e.g. task: Provision staging"), node.get("with"));
            }
            case "interpret" -> {
                String strategy = node.path("strategy").asText(null);
                if (strategy != null && !dev.agentplane.interpret.InterpretRequest.STRATEGIES.contains(strategy)) {
                    add(pointer + "/strategy", "'" + strategy + "' is not a strategy", "use auto, heuristic or llm");
                }
                JsonNode threshold = node.get("confidence_threshold");
                if (threshold != null && !threshold.isTextual() && (!threshold.isNumber() || threshold.asDouble() < 0 || threshold.asDouble() > 1)) {
                    add(pointer + "/confidence_threshold", "must be a number between 0 and 1 (or a ${{ }} expression)", "pass e.g. 0.7");
                }
                yield new StepBody.Interpret(required(node, pointer, "data", "pass the data to interpret, e.g. data: '${{ inputs.text }}'"),
                        required(node, pointer, "schema", "describe the result, e.g. schema: {age: number}"), node.get("context"),
                        node.get("options"), strategy, threshold, node.path("model").asText(null));
            }
            case "approval" -> new StepBody.Approval(required(node, pointer, "reason", "say what to approve, e.g. reason: Refund of ${{ inputs.amount }}"),
                    node.get("context"), priority(node, pointer), node.get("assigned_to"),
                    onError(node.get("on_reject"), pointer + "/on_reject", idsInBlock));
            case "handoff" -> {
                if (node.get("to_agent_id") == null && node.get("to_capability") == null) {
                    add(pointer, "names no receiver", "add to_agent_id: <agent id> or to_capability: <capability>");
                }
                yield new StepBody.Handoff(node.get("from_agent_id"), node.get("to_agent_id"), node.get("to_capability"),
                        node.get("reason"), node.get("context"));
            }
            case "task" -> new StepBody.Task(string(node, pointer, "capability", true, "name the capability an agent needs to claim it, e.g. capability: review"),
                    node.get("input"));
            case "if" -> new StepBody.If(string(node, pointer, "condition", true, "write a CEL condition, e.g. condition: inputs.amount > 100"),
                    block(node.get("then"), pointer + "/then", true), block(node.get("else"), pointer + "/else", false));
            case "switch" -> switchBody(node, pointer);
            case "parallel" -> parallel(node, pointer);
            case "foreach" -> foreach(node, pointer);
            case "workflow" -> new StepBody.SubWorkflow(string(node, pointer, "workflow", true, "name the workflow to run"),
                    positiveInt(node, pointer, "version"), node.get("input"));
            case "sleep" -> {
                Duration duration = duration(node, pointer, "duration");
                if (duration == null && node.get("duration") == null) {
                    add(pointer + "/duration", "is required", "say how long to sleep, " + Durations.EXAMPLES);
                }
                yield new StepBody.Sleep(duration);
            }
            case "wait_until" -> new StepBody.WaitUntil(required(node, pointer, "until", "give an RFC 3339 time or an expression yielding one"));
            case "state.get" -> new StepBody.StateGet(required(node, pointer, "namespace", "name the state namespace"),
                    required(node, pointer, "key", "name the state key"));
            case "state.set" -> new StepBody.StateSet(required(node, pointer, "namespace", "name the state namespace"),
                    required(node, pointer, "key", "name the state key"), required(node, pointer, "value", "give the value to store"),
                    duration(node, pointer, "ttl"));
            case "set" -> {
                JsonNode values = required(node, pointer, "values", "map names to values, e.g. values: {total: '${{ inputs.a + inputs.b }}'}");
                if (values != null && !values.isObject()) {
                    add(pointer + "/values", "is not an object", "map names to values, e.g. values: {total: 3}");
                }
                yield new StepBody.Set(values);
            }
            case "fail" -> new StepBody.Fail(required(node, pointer, "message", "say why the workflow fails"));
            default -> throw new IllegalStateException(type);
        };
    }

    private void checkExpressions(String type, JsonNode node, String pointer) {
        if (node.path("when").isTextual()) {
            report(EXPRESSIONS.check(node.get("when").asText()), pointer + "/when");
        }
        if (type.equals("if") && node.path("condition").isTextual()) {
            report(EXPRESSIONS.check(node.get("condition").asText()), pointer + "/condition");
        }
        if (type.equals("switch") && node.path("value").isTextual()) {
            report(EXPRESSIONS.checkExpression(node.get("value").asText()), pointer + "/value");
        }
        for (String field : TEMPLATE_FIELDS.getOrDefault(type, List.of())) {
            if (node.hasNonNull(field)) {
                report(EXPRESSIONS.check(node.get(field)), pointer + "/" + field);
            }
        }
    }

    private void report(List<ExpressionError> errors, String base) {
        errors.forEach(error -> add(base + error.pointer(), error.describe(), error.fix()));
    }

    private StepBody switchBody(JsonNode node, String pointer) {
        String value = string(node, pointer, "value", true, "write a CEL expression to switch on, e.g. value: inputs.kind");
        Map<String, List<Step>> cases = new LinkedHashMap<>();
        JsonNode casesNode = node.get("cases");
        if (casesNode == null || !casesNode.isObject() || casesNode.isEmpty()) {
            add(pointer + "/cases", casesNode == null ? "is required" : "is not a non-empty object",
                    "map each value to its steps, e.g. cases: {refund: [...], invoice: [...]}");
        } else {
            casesNode.fields().forEachRemaining(c -> cases.put(c.getKey(),
                    block(c.getValue(), pointer + "/cases/" + escape(c.getKey()), true)));
        }
        return new StepBody.Switch(value, cases, block(node.get("default"), pointer + "/default", false));
    }

    private StepBody parallel(JsonNode node, String pointer) {
        List<StepBody.Parallel.Branch> branches = new ArrayList<>();
        JsonNode branchesNode = node.get("branches");
        if (branchesNode == null || !branchesNode.isArray() || branchesNode.size() < 1) {
            add(pointer + "/branches", branchesNode == null ? "is required" : "is not a non-empty list",
                    "list the branches, e.g. branches: [{name: a, steps: [...]}, {name: b, steps: [...]}]");
        } else {
            Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < branchesNode.size(); i++) {
                JsonNode branch = branchesNode.get(i);
                String branchPointer = pointer + "/branches/" + i;
                if (!branch.isObject()) {
                    add(branchPointer, "is not an object", "write each branch as {name: a, steps: [...]}");
                    continue;
                }
                unknownFields(branch, branchPointer, Set.of("name", "steps"));
                String name = branch.path("name").asText(String.valueOf(i));
                if (!names.add(name)) {
                    add(branchPointer + "/name", "'" + name + "' names another branch too", "give every branch a different name");
                }
                branches.add(new StepBody.Parallel.Branch(name, block(branch.get("steps"), branchPointer + "/steps", true)));
            }
        }
        String join = node.path("join").asText("all");
        if (!join.equals("all") && !join.equals("first")) {
            add(pointer + "/join", "'" + join + "' is not a join", "use all (wait for every branch) or first (the first to finish wins)");
        }
        return new StepBody.Parallel(branches, join.equals("first") ? StepBody.Parallel.Join.FIRST : StepBody.Parallel.Join.ALL);
    }

    private StepBody foreach(JsonNode node, String pointer) {
        JsonNode items = required(node, pointer, "items", "give a list or an expression yielding one, e.g. items: '${{ inputs.files }}'");
        Integer concurrency = positiveInt(node, pointer, "concurrency");
        if (concurrency != null && concurrency > MAX_FOREACH_CONCURRENCY) {
            add(pointer + "/concurrency", "is " + concurrency + "; the maximum is " + MAX_FOREACH_CONCURRENCY,
                    "run at most " + MAX_FOREACH_CONCURRENCY + " items at once");
        }
        return new StepBody.Foreach(items, concurrency == null ? 1 : concurrency, block(node.get("steps"), pointer + "/steps", true));
    }

    private RetryPolicy retry(JsonNode retry, String pointer, RetryPolicy fallback) {
        if (retry == null || retry.isNull()) {
            return fallback;
        }
        if (!retry.isObject()) {
            add(pointer, "is not an object", "write retry: {max_attempts: 3, initial_interval: 1s, max_interval: 1m, multiplier: 2}");
            return fallback;
        }
        unknownFields(retry, pointer, Set.of("max_attempts", "initial_interval", "max_interval", "multiplier", "retry_on"));
        Integer max = positiveInt(retry, pointer, "max_attempts");
        Duration initial = duration(retry, pointer, "initial_interval");
        Duration maxInterval = duration(retry, pointer, "max_interval");
        JsonNode multiplierNode = retry.get("multiplier");
        if (multiplierNode != null && !multiplierNode.isNumber()) {
            add(pointer + "/multiplier", "is not a number", "use e.g. 2 to double the wait each attempt");
        }
        double multiplier = multiplierNode != null && multiplierNode.isNumber() ? multiplierNode.asDouble() : fallback.multiplier();
        if (multiplier < 1) {
            add(pointer + "/multiplier", "is " + multiplier + "; it must be at least 1", "use e.g. 2 to double the wait each attempt");
        }
        List<String> retryOn = new ArrayList<>();
        JsonNode retryOnNode = retry.get("retry_on");
        if (retryOnNode != null && !retryOnNode.isNull() && !(retryOnNode.isArray() && allText(retryOnNode))) {
            add(pointer + "/retry_on", "is not a list of error codes", "write e.g. retry_on: [timeout, http.5xx]");
        } else if (retryOnNode != null) {
            retryOnNode.forEach(code -> retryOn.add(code.asText()));
        }
        return new RetryPolicy(max != null ? max : fallback.maxAttempts(), initial != null ? initial : fallback.initialInterval(),
                maxInterval != null ? maxInterval : fallback.maxInterval(), multiplier, List.copyOf(retryOn));
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private OnError onError(JsonNode node, String pointer, Set<String> idsInBlock) {
        if (node == null || node.isNull()) {
            return OnError.FAIL;
        }
        if (node.isTextual() && node.asText().equals("fail")) {
            return OnError.FAIL;
        }
        if (node.isTextual() && node.asText().equals("continue")) {
            return OnError.CONTINUE;
        }
        if (node.isObject() && node.size() == 1 && node.path("goto").isTextual()) {
            String target = node.get("goto").asText();
            // Targets may come later in the block, so they are checked once the whole definition is read.
            gotoChecks.add(() -> {
                if (!idsInBlock.contains(target)) {
                    add(pointer + "/goto", "'" + target + "' is not a step of the same list of steps",
                            "jump to a step listed beside this one, e.g. a cleanup step after it");
                }
            });
            return OnError.goTo(target);
        }
        add(pointer, "is not fail, continue or {goto: <step id>}", "write on_error: continue, or on_error: {goto: cleanup}");
        return OnError.FAIL;
    }

    private String priority(JsonNode node, String pointer) {
        String priority = node.path("priority").asText(Escalation.DEFAULT_PRIORITY);
        List<String> allowed = Escalation.PRIORITIES;
        if (!allowed.contains(priority)) {
            add(pointer + "/priority", "'" + priority + "' is not a priority", "use one of " + allowed);
        }
        return priority;
    }

    private String string(JsonNode node, String pointer, String field, boolean required, String fix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            if (required) {
                add(pointer + "/" + field, "is required", fix);
            }
            return null;
        }
        if (!value.isTextual()) {
            add(pointer + "/" + field, "is not a string", fix + " (quote it in YAML if it looks like a number or boolean)");
            return null;
        }
        return value.asText();
    }

    private JsonNode required(JsonNode node, String pointer, String field, String fix) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            add(pointer + "/" + field, "is required", fix);
        }
        return value;
    }

    private Integer positiveInt(JsonNode node, String pointer, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
            add(pointer + "/" + field, "is not a positive whole number", "use a number such as 3");
            return null;
        }
        return value.asInt();
    }

    private Duration duration(JsonNode node, String pointer, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        Duration duration = value.isNumber() ? Duration.ofMillis((long) (value.asDouble() * 1000))
                : value.isTextual() ? Durations.parse(value.asText()) : null;
        if (duration == null || duration.isNegative()) {
            add(pointer + "/" + field, "'" + value.asText() + "' is not a duration", "write a duration, " + Durations.EXAMPLES);
            return null;
        }
        return duration;
    }

    private void unknownFields(JsonNode node, String pointer, Set<String> allowed) {
        node.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                add(pointer + "/" + escape(field), "is not a field here", "remove it; the fields here are " + new java.util.TreeSet<>(allowed));
            }
        });
    }

    private void add(String pointer, String detail, String fix) {
        failed = true;
        problems.add(pointer, detail, fix);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
