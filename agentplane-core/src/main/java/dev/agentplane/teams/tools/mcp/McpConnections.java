package dev.agentplane.teams.tools.mcp;

import dev.agentplane.teams.tools.AgentTool;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The MCP servers of one run: each started (stdio) or connected to (streamable HTTP) once, initialized and asked
 * for its tools, which become {@link #tools()}; {@link #close()} ends every session and every server process.
 * <pre>
 * try (McpConnections mcp = McpConnections.open(McpServers.from(team.get("mcp_servers"), "mcp_servers"))) {
 *     List&lt;AgentTool&gt; tools = mcp.tools();   // e.g. everything__echo, files__read_text_file
 * }
 * </pre>
 */
public final class McpConnections implements AutoCloseable {
    private final List<McpConnection> connections;
    private final List<AgentTool> tools;

    private McpConnections(List<McpConnection> connections) {
        this.connections = List.copyOf(connections);
        this.tools = List.copyOf(toolsOf(connections));
    }

    /**
     * Opens every server at once and waits for all of them (each bounded by its {@code timeout_seconds}).
     *
     * @throws McpServerException naming the first server (in settings order) that could not be started,
     *     initialized or listed; the servers already open are closed again
     * @throws InterruptedException when interrupted while waiting; every server opened is closed again
     */
    public static McpConnections open(McpServers servers) throws InterruptedException {
        List<Future<McpConnection>> opening = new ArrayList<>();
        // Closing the executor waits for every start to end, so none can finish later unseen and leak a process.
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (McpServerSettings server : servers.servers()) {
                opening.add(executor.submit(() -> McpConnection.open(server)));
            }
        }
        List<McpConnection> opened = opening.stream().filter(f -> f.state() == Future.State.SUCCESS)
                .map(Future::resultNow).toList();
        if (Thread.interrupted()) {
            closeAll(opened);
            throw new InterruptedException("interrupted while the MCP servers were starting");
        }
        for (Future<McpConnection> future : opening) {
            if (future.state() == Future.State.FAILED) {
                closeAll(opened);
                throw future.exceptionNow() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(future.exceptionNow());
            }
        }
        return new McpConnections(opened);
    }

    /** Every offered tool of every server, named {@code <server>__<tool>}. */
    public List<AgentTool> tools() {
        return tools;
    }

    /** Ends every session and every stdio server (and what it started); safe to call twice. */
    @Override
    public void close() {
        closeAll(connections);
    }

    private static List<AgentTool> toolsOf(List<McpConnection> connections) {
        List<AgentTool> tools = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (McpConnection connection : connections) {
            for (McpSchema.Tool tool : connection.tools()) {
                String name = ToolNames.qualified(connection.server(), tool.name());
                if (!names.add(name)) {
                    name = ToolNames.distinct(connection.server(), tool.name());
                    names.add(name);
                }
                tools.add(new McpRemoteTool(name, connection, tool));
            }
        }
        return tools;
    }

    private static void closeAll(List<McpConnection> connections) {
        connections.forEach(McpConnection::close);
    }
}
