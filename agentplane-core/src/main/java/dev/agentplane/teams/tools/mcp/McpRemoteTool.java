package dev.agentplane.teams.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** A tool of an MCP server, offered to the agents as {@code <server>__<tool>} with the server's schema. */
final class McpRemoteTool implements AgentTool {
    private final String name;
    private final McpConnection connection;
    private final McpSchema.Tool tool;
    private final ObjectNode parameters;

    McpRemoteTool(String name, McpConnection connection, McpSchema.Tool tool) {
        this.name = name;
        this.connection = connection;
        this.tool = tool;
        this.parameters = parameters(tool);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        if (tool.description() != null && !tool.description().isBlank()) {
            return tool.description();
        }
        return tool.title() != null ? tool.title() : "The tool " + tool.name() + " of MCP server '"
                + connection.server() + "'";
    }

    @Override
    public JsonNode parameters() {
        return parameters.deepCopy();
    }

    @Override
    public ToolResult run(JsonNode arguments, ToolContext context) throws InterruptedException {
        JsonNode given = arguments == null || arguments.isMissingNode() || arguments.isNull()
                ? McpClients.OBJECT_MAPPER.createObjectNode() : arguments;
        if (!given.isObject()) {
            return ToolResult.error("The arguments of " + name + " must be a JSON object of its parameters, not "
                    + given.getNodeType().toString().toLowerCase());
        }
        List<String> problems = ArgumentCheck.problems(given, parameters);
        if (!problems.isEmpty()) {
            return ToolResult.error("Not called: " + String.join("; ", problems) + ". See the parameters of "
                    + name + ".");
        }
        if (connection.isClosed()) {
            return ToolResult.error("MCP server '" + connection.server() + "' is closed: the run that started it"
                    + " has ended, so its tool " + tool.name() + " can no longer be called");
        }
        Duration timeout = context == null || context.timeout() == null
                || context.timeout().compareTo(connection.timeout()) > 0 ? connection.timeout() : context.timeout();
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = McpClients.OBJECT_MAPPER.convertValue(given, Map.class);
            return CallResults.toToolResult(connection.server(), tool.name(),
                    connection.call(tool.name(), values, timeout));
        } catch (TimeoutException e) {
            return ToolResult.error("MCP server '" + connection.server() + "' did not answer the call of its tool "
                    + tool.name() + " within " + readable(timeout) + "; try again with less work, or go on"
                    + " without it");
        } catch (ExecutionException | RuntimeException e) {
            return ToolResult.error("MCP server '" + connection.server() + "' failed on the call of its tool "
                    + tool.name() + ": " + connection.whyFailed(e));
        }
    }

    private static String readable(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    private static ObjectNode parameters(McpSchema.Tool tool) {
        ObjectNode schema = tool.inputSchema() == null ? McpClients.OBJECT_MAPPER.createObjectNode()
                : McpClients.OBJECT_MAPPER.valueToTree(tool.inputSchema());
        if (!schema.has("type")) {
            schema.put("type", "object");
        }
        if (!schema.has("properties")) {
            schema.putObject("properties");
        }
        return schema;
    }
}
