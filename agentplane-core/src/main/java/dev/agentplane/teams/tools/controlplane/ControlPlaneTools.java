package dev.agentplane.teams.tools.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The tools that reach the control plane: {@code interpret}, {@code state}, {@code escalate}. */
public final class ControlPlaneTools {
    static final int MAX_ESCALATION_WAIT_SECONDS = 86_400;
    /** The state namespace of agents' memories (teams.run.Memory). */
    public static final String MEMORY_NAMESPACE = "memory";

    private ControlPlaneTools() {}

    public static List<AgentTool> all(ControlPlane plane) {
        return all(plane, StateSettings.defaults());
    }

    public static List<AgentTool> all(ControlPlane plane, StateSettings state) {
        return List.of(new Interpret(plane), new State(plane, state), new Escalate(plane));
    }

    private static ObjectNode schema(String json) {
        return (ObjectNode) Json.parse(json);
    }

    /** A refusal of the control plane (a bad schema, a bad key) is the model's to fix: its detail is the result. */
    private static ToolResult refused(ProblemException problem) {
        return ToolResult.error(problem.getMessage());
    }

    record Interpret(ControlPlane plane) implements AgentTool {
        public String name() { return "interpret"; }

        public String description() {
            return "Reads messy data (text, an object) into the fields of a schema such as {\"email\": \"email\", "
                    + "\"total\": \"currency\"}, with a confidence per field and the fields it could not find.";
        }

        public JsonNode parameters() {
            return schema("""
                    {"type": "object", "required": ["data", "schema"], "properties": {
                      "data": {"description": "the text or object to read"},
                      "schema": {"type": "object", "description": "field name -> type (string, number, integer, boolean, email, phone, url, date, datetime, currency, enum:a|b)"},
                      "context": {"type": "string", "description": "what the data is"}}}""");
        }

        public ToolResult run(JsonNode arguments, ToolContext context) {
            try {
                JsonNode answer = plane.interpret(arguments.get("data"), arguments.get("schema"),
                        arguments.path("context").asText(null));
                return ToolResult.ok(Json.write(answer), answer);
            } catch (ProblemException problem) {
                return refused(problem);
            }
        }
    }

    record State(ControlPlane plane, StateSettings settings) implements AgentTool {
        public String name() { return "state"; }

        public String description() {
            return "Reads (get) or writes (set) a JSON value kept in AgentPlane under a namespace and key, shared with "
                    + "other agents and later runs.";
        }

        public JsonNode parameters() {
            return schema("""
                    {"type": "object", "required": ["operation", "namespace", "key"], "properties": {
                      "operation": {"enum": ["get", "set"]},
                      "namespace": {"type": "string"}, "key": {"type": "string"},
                      "value": {"description": "the JSON value to store (set)"}}}""");
        }

        public ToolResult run(JsonNode arguments, ToolContext context) {
            String operation = arguments.path("operation").asText("");
            String namespace = arguments.path("namespace").asText("");
            String key = arguments.path("key").asText("");
            if (namespace.equals(MEMORY_NAMESPACE)) {
                // What agents remember goes into every later run's instructions: no agent may write (or read) it directly.
                return ToolResult.error("the namespace memory is kept by AgentPlane for the agents' memories; use another namespace");
            }
            if (!settings.allows(namespace)) {
                return ToolResult.error("this team may use the state namespaces " + settings.namespaces().orElseThrow()
                        + " only, not '" + namespace + "'");
            }
            try {
                return switch (operation) {
                    case "get" -> {
                        Optional<JsonNode> value = plane.getState(namespace, key);
                        yield value.map(v -> ToolResult.ok(Json.write(v), v))
                                .orElseGet(() -> ToolResult.ok("no value is stored at " + namespace + "/" + key));
                    }
                    case "set" -> {
                        if (!arguments.has("value")) {
                            yield ToolResult.error("set needs a value: pass {\"operation\": \"set\", ..., \"value\": <JSON>}");
                        }
                        plane.setState(namespace, key, arguments.get("value"));
                        yield ToolResult.ok("stored " + namespace + "/" + key);
                    }
                    default -> ToolResult.error("operation must be get or set, not '" + operation + "'");
                };
            } catch (ProblemException problem) {
                return refused(problem);
            }
        }
    }

    record Escalate(ControlPlane plane) implements AgentTool {
        public String name() { return "escalate"; }

        public String description() {
            return "Asks a human through AgentPlane and waits for the answer: use it for decisions you must not take "
                    + "alone. Returns the person's resolution, a dismissal with its reason, or that nobody answered in time.";
        }

        public JsonNode parameters() {
            return schema("""
                    {"type": "object", "required": ["reason"], "properties": {
                      "reason": {"type": "string", "description": "what the person must decide"},
                      "context": {"type": "object", "description": "facts the person needs"},
                      "priority": {"enum": ["low", "medium", "high", "urgent"]},
                      "timeout_seconds": {"type": "integer", "minimum": 1, "maximum": 86400, "description": "how long to wait (default 3600)"}}}""");
        }

        public ToolResult run(JsonNode arguments, ToolContext context) throws InterruptedException {
            int seconds = Math.min(arguments.path("timeout_seconds").asInt(3600), MAX_ESCALATION_WAIT_SECONDS);
            JsonNode facts = arguments.path("context").isObject() ? arguments.get("context") : Json.object();
            try {
                ControlPlane.Escalated answer = plane.escalate(arguments.path("reason").asText(""), facts,
                        arguments.path("priority").asText(null), Duration.ofSeconds(Math.max(1, seconds)));
                ObjectNode data = Json.MAPPER.valueToTree(answer);
                return switch (answer.status()) {
                    case "resolved" -> ToolResult.ok("resolved: " + Json.write(answer.resolution()), data);
                    case "dismissed" -> ToolResult.error("the person dismissed it: " + answer.dismissReason());
                    default -> ToolResult.error("nobody answered escalation " + answer.id() + " within " + seconds + " s");
                };
            } catch (ProblemException problem) {
                return refused(problem);
            }
        }
    }
}
