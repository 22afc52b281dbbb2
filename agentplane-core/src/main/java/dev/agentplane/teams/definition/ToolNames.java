package dev.agentplane.teams.definition;

import java.util.List;
import java.util.Optional;

/**
 * The tool names an agent may list that the runner implements. Other names (Plagentic's {@code browser},
 * {@code googleSearch}) are accepted in a team file but only warned about: the tool is not offered to the agent.
 */
public final class ToolNames {
    /** Built-in tools; {@code saveFile} is Plagentic's name for {@code file}. */
    public static final List<String> BUILT_IN =
            List.of("terminal", "file", "saveFile", "http", "terraform", "policy", "interpret", "state", "escalate");
    /** The tools of every MCP server the team can reach. */
    public static final String MCP = "mcp";
    /** {@code mcp:<server>}: the tools of one MCP server. */
    public static final String MCP_PREFIX = "mcp:";
    /** The tools that take settings under a team's {@code tools:} ({@code saveFile} shares {@code file}'s). */
    public static final List<String> WITH_SETTINGS =
            List.of("terminal", "file", "http", "terraform", "policy", "interpret", "state", "escalate");

    private ToolNames() {}

    /** True when the runner offers a tool listed under this name. */
    public static boolean isAvailable(String name) {
        return BUILT_IN.contains(name) || MCP.equals(name) || mcpServer(name).isPresent();
    }

    /** The server of {@code mcp:<server>}; empty for any other name (and for {@code mcp:} alone). */
    public static Optional<String> mcpServer(String name) {
        return name != null && name.startsWith(MCP_PREFIX) && name.length() > MCP_PREFIX.length()
                ? Optional.of(name.substring(MCP_PREFIX.length())) : Optional.empty();
    }
}
