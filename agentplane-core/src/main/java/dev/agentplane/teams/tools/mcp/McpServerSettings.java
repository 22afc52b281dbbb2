package dev.agentplane.teams.tools.mcp;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One MCP server of a team: its name (the prefix of its tools' names), where it is, how long its start and each
 * call may take, and which of its tools the agents are offered ({@code tools} empty: all of them).
 */
public record McpServerSettings(String name, McpEndpoint endpoint, Duration timeout, Set<String> tools) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public McpServerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(timeout, "timeout");
        tools = Set.copyOf(tools);
    }

    /** Whether the agents may be offered the server's tool of that name. */
    public boolean offers(String tool) {
        return tools.isEmpty() || tools.contains(tool);
    }
}
