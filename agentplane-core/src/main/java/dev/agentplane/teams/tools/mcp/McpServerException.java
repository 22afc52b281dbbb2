package dev.agentplane.teams.tools.mcp;

/** An MCP server of the team could not be started, connected to or asked for its tools; names the server. */
public class McpServerException extends RuntimeException {
    private final String server;

    public McpServerException(String server, String message, Throwable cause) {
        super("MCP server '" + server + "' " + message, cause);
        this.server = server;
    }

    public String server() {
        return server;
    }
}
