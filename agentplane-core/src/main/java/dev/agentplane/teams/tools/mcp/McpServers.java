package dev.agentplane.teams.tools.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The MCP servers of a team, read from its {@code mcp_servers} section:
 * <pre>
 * mcp_servers:
 *   files: {command: npx, args: [-y, "@modelcontextprotocol/server-filesystem", /data], env: {}, cwd: .}
 *   search: {url: "https://mcp.example.com/mcp", headers: {Authorization: "Bearer ${SEARCH_TOKEN}"}}
 * </pre>
 * Each server also takes {@code timeout_seconds} (default 30) and {@code tools}, a list of the only tools to offer.
 */
public record McpServers(List<McpServerSettings> servers) {
    /** Server names become the prefix of tool names, which providers limit to these characters. */
    private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    public McpServers {
        servers = List.copyOf(servers);
    }

    public static McpServers none() {
        return new McpServers(List.of());
    }

    public boolean isEmpty() {
        return servers.isEmpty();
    }

    /** Reads the section at {@code path}; null or missing means no servers. {@code ${VAR}} comes from the process. */
    public static McpServers from(JsonNode node, String path) {
        return from(node, path, System::getenv);
    }

    /** As {@link #from(JsonNode, String)}, with {@code ${VAR}} looked up in {@code environment}. */
    public static McpServers from(JsonNode node, String path, Function<String, String> environment) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return none();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + " must be a map of server names to server settings");
        }
        List<McpServerSettings> servers = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String serverPath = path + "." + field.getKey();
            if (!SERVER_NAME.matcher(field.getKey()).matches()) {
                throw new IllegalArgumentException(serverPath + ": a server name has 1 to 40 letters, digits, '_' or"
                        + " '-' (it becomes the prefix of its tools' names)");
            }
            servers.add(McpServerReader.read(field.getKey(), field.getValue(), serverPath, environment));
        }
        return new McpServers(servers);
    }
}
