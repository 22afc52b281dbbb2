package dev.agentplane.teams.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Reading team YAML into settings, finding a tool by name and calling it, as the team runner will. */
final class McpToolTesting {
    private McpToolTesting() {}

    static McpServers servers(String yaml) {
        return servers(yaml, Map.of());
    }

    static McpServers servers(String yaml, Map<String, String> environment) {
        return McpServers.from(yaml(yaml).get("mcp_servers"), "mcp_servers", environment::get);
    }

    static JsonNode yaml(String yaml) {
        try {
            return Json.YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode json(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static AgentTool tool(McpConnections connections, String name) {
        List<String> names = connections.tools().stream().map(AgentTool::name).toList();
        assertThat(names).contains(name);
        return connections.tools().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    static ToolResult call(McpConnections connections, String name, String arguments) throws InterruptedException {
        return call(connections, name, arguments, Duration.ofSeconds(30));
    }

    static ToolResult call(McpConnections connections, String name, String arguments, Duration timeout)
            throws InterruptedException {
        return tool(connections, name).run(json(arguments), context(timeout));
    }

    static ToolContext context(Duration timeout) {
        return new ToolContext(Path.of(System.getProperty("java.io.tmpdir")), "run-test", "tester", timeout);
    }

    /** A YAML flow string of a path, quoted. */
    static String quoted(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
