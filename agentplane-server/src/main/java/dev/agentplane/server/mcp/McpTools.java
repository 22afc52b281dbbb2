package dev.agentplane.server.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.FieldError;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.server.http.AccessPolicy;
import dev.agentplane.server.http.Problems;
import dev.agentplane.store.StoreContentionException;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.Role;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tool catalogue (mcp-tools.yaml) joined to its handlers. A call is allowed iff the caller's role may call the
 * HTTP operation the tool stands for; every failure becomes a tool result with {@code isError} (the problem the
 * HTTP API would have answered, as text and as structured content), never a protocol error.
 */
final class McpTools {
    private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);
    /** Plain Jackson for the SDK's wire types, which carry their own (camelCase) names. */
    static final ObjectMapper WIRE = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    record Definition(String name, String operation, String description, ObjectNode inputSchema) {}

    private record Tool(Definition definition, Set<Role> allowed, ToolHandlers.Handler handler) {}

    private final Map<String, Tool> tools = new LinkedHashMap<>();

    McpTools(List<Definition> definitions, Map<String, ToolHandlers.Handler> handlers) {
        Set<String> unused = new HashSet<>(handlers.keySet());
        for (Definition definition : definitions) {
            ToolHandlers.Handler handler = handlers.get(definition.name());
            if (handler == null) {
                throw new IllegalStateException("MCP tool " + definition.name() + " in mcp-tools.yaml has no handler");
            }
            unused.remove(definition.name());
            tools.put(definition.name(), new Tool(definition, AccessPolicy.rolesFor(definition.operation()), handler));
        }
        if (!unused.isEmpty()) {
            throw new IllegalStateException("MCP tool handlers without an entry in mcp-tools.yaml: " + unused);
        }
    }

    static List<Definition> catalogue() {
        try (InputStream in = McpTools.class.getResourceAsStream("/mcp-tools.yaml")) {
            if (in == null) {
                throw new IllegalStateException("mcp-tools.yaml is missing from the classpath");
            }
            List<Definition> definitions = new ArrayList<>();
            for (JsonNode tool : Json.YAML.readTree(in)) {
                definitions.add(new Definition(tool.get("name").asText(), tool.get("operation").asText(),
                        tool.get("description").asText(), (ObjectNode) tool.get("input_schema")));
            }
            return definitions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<McpSchema.Tool> list() {
        return tools.values().stream().map(tool -> McpSchema.Tool.builder()
                .name(tool.definition().name())
                .description(tool.definition().description())
                .inputSchema(WIRE.convertValue(tool.definition().inputSchema(), MAP))
                .build()).toList();
    }

    boolean has(String name) {
        return tools.containsKey(name);
    }

    McpSchema.CallToolResult call(Actor actor, String name, Map<String, Object> arguments) {
        Tool tool = tools.get(name);
        try {
            AccessPolicy.check(actor, tool.definition().operation(), tool.allowed());
            ObjectNode args = arguments == null ? Json.object() : Json.MAPPER.valueToTree(arguments);
            return success(tool.handler().call(actor, new ToolArguments(args)));
        } catch (ProblemException problem) {
            return failure(problem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(new ProblemException(503, "interrupted", "Interrupted",
                    "the server is shutting down; call " + name + " again"));
        } catch (StoreContentionException e) {
            LOG.warn("MCP tool {} lost to concurrent transactions (request_id={})", name, actor.requestId(), e);
            return failure(Problems.contention());
        } catch (RuntimeException e) {
            LOG.error("MCP tool {} failed (request_id={})", name, actor.requestId(), e);
            return failure(new ProblemException(500, "internal-error", "Internal server error", "the server failed "
                    + "to run " + name + "; nothing was changed. Retry later, and report request_id "
                    + actor.requestId() + " if it persists"));
        }
    }

    /** The value as the HTTP API would answer it (snake_case JSON), as text and as structured content. */
    private static McpSchema.CallToolResult success(Object value) {
        String json = Json.write(value);
        return McpSchema.CallToolResult.builder()
                .addTextContent(json)
                .structuredContent(structured(json))
                .isError(false)
                .build();
    }

    private static McpSchema.CallToolResult failure(ProblemException problem) {
        ObjectNode body = Json.object().put("type", "/problems/" + problem.type()).put("title", problem.title())
                .put("status", problem.status()).put("detail", problem.detail());
        StringBuilder text = new StringBuilder(problem.title()).append(" (").append(problem.status()).append("): ")
                .append(problem.detail());
        if (!problem.errors().isEmpty()) {
            var errors = body.putArray("errors");
            for (FieldError error : problem.errors()) {
                String field = fieldName(error);
                errors.addObject().put("field", field).put("detail", error.detail()).put("fix", error.fix());
                text.append("\n- ").append(field).append(": ").append(error.detail()).append(". Fix: ").append(error.fix());
            }
        }
        problem.extensions().forEach((key, value) -> body.set(key, Json.MAPPER.valueToTree(value)));
        return McpSchema.CallToolResult.builder()
                .addTextContent(text.toString())
                .structuredContent(structured(Json.write(body)))
                .isError(true)
                .build();
    }

    /** A body pointer ("/wait_seconds") or a parameter name, as the argument's name. */
    private static String fieldName(FieldError error) {
        String field = error.pointer() != null ? error.pointer().replaceFirst("^/", "") : error.parameter();
        return field == null || field.isEmpty() ? "arguments" : field;
    }

    private static Map<String, Object> structured(String json) {
        try {
            return WIRE.readValue(json, MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
