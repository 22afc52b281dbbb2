package dev.agentplane.teams.tools.mcp;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/** One initialized MCP server: its client, the tools it offers the agents, and the process behind a stdio server. */
final class McpConnection implements AutoCloseable {
    private final McpServerSettings settings;
    private final McpSyncClient client;
    private final RecentLines stderr;
    private final Optional<ProcessHandle> process;
    private final CompletableFuture<Integer> exitCode;
    private final List<McpSchema.Tool> tools;
    private final AtomicBoolean closed = new AtomicBoolean();

    private McpConnection(McpServerSettings settings, McpSyncClient client, RecentLines stderr,
                          StdioServerTransport stdio, List<McpSchema.Tool> tools) {
        this.settings = settings;
        this.client = client;
        this.stderr = stderr;
        this.process = processOf(stdio);
        this.exitCode = stdio == null ? new CompletableFuture<>() : stdio.exitCode();
        this.tools = List.copyOf(tools);
    }

    /** Starts or connects to the server, initializes the session and lists its tools; closes it again on failure. */
    static McpConnection open(McpServerSettings settings) throws InterruptedException {
        if (settings.endpoint() instanceof McpEndpoint.Stdio stdio) {
            checkStartable(settings.name(), stdio);
        }
        RecentLines stderr = new RecentLines();
        McpClientTransport transport = McpClients.transport(settings.endpoint(), settings.timeout(), stderr);
        McpSyncClient client = McpClients.client(transport, settings.timeout());
        StdioServerTransport stdio = transport instanceof StdioServerTransport s ? s : null;
        try {
            initialize(settings, client, stdio, stderr);
            return new McpConnection(settings, client, stderr, stdio, offeredTools(settings, client));
        } catch (RuntimeException | Error | InterruptedException e) {
            Shutdown.close(client, processOf(stdio));
            if (e instanceof McpServerException || e instanceof Error || e instanceof InterruptedException) {
                throw e;
            }
            String why = Failures.causedBy(e, TimeoutException.class)
                    ? "no answer to the MCP handshake within " + settings.timeout().toSeconds() + "s"
                    : Failures.reason(e);
            throw new McpServerException(settings.name(), "did not start (" + describe(settings.endpoint()) + "): "
                    + why + stderr.summary(), e);
        }
    }

    private static void checkStartable(String server, McpEndpoint.Stdio stdio) {
        if (stdio.cwd() != null && !Files.isDirectory(stdio.cwd())) {
            throw new McpServerException(server, "cannot start: its cwd " + stdio.cwd() + " is not a directory",
                    null);
        }
        Commands.problem(stdio.command(), stdio.cwd()).ifPresent(problem ->
                { throw new McpServerException(server, "cannot start: " + problem, null); });
    }

    /**
     * Runs the handshake; a stdio server whose process ends first fails at once (with its stderr) instead of after
     * the whole timeout.
     */
    private static void initialize(McpServerSettings settings, McpSyncClient client, StdioServerTransport stdio,
                                   RecentLines stderr) throws InterruptedException {
        CompletableFuture<Object> handshake = new CompletableFuture<>();
        Thread.ofVirtual().name("mcp-" + settings.name() + "-initialize").start(() -> {
            try {
                handshake.complete(client.initialize());
            } catch (Throwable failure) {
                handshake.completeExceptionally(failure);
            }
        });
        CompletableFuture<Integer> exit = stdio == null ? new CompletableFuture<>() : stdio.exitCode();
        try {
            CompletableFuture.anyOf(handshake, exit).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        if (!handshake.isDone()) {
            stderr.awaitQuiet();
            throw new McpServerException(settings.name(), "did not start (" + describe(settings.endpoint())
                    + "): its process exited with code " + exit.getNow(null) + " before the MCP handshake"
                    + stderr.summary(), null);
        }
    }

    private static Optional<ProcessHandle> processOf(StdioServerTransport stdio) {
        return stdio == null ? Optional.empty() : stdio.process().map(Process::toHandle);
    }

    String server() {
        return settings.name();
    }

    Duration timeout() {
        return settings.timeout();
    }

    List<McpSchema.Tool> tools() {
        return tools;
    }

    /**
     * Calls a tool, waiting at most {@code timeout}; a stdio server whose process ends fails the call at once.
     *
     * @throws TimeoutException when the server did not answer in time
     * @throws ExecutionException when the call failed (transport broken, process ended, protocol error); its cause
     *     says why
     */
    McpSchema.CallToolResult call(String tool, Map<String, Object> arguments, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        if (exitCode.isDone()) {
            throw new ExecutionException(new IllegalStateException("its process has exited with code "
                    + exitCode.join()));
        }
        CompletableFuture<McpSchema.CallToolResult> call = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().name("mcp-" + settings.name() + "-" + tool).start(() -> {
            try {
                call.complete(client.callTool(new McpSchema.CallToolRequest(tool, arguments)));
            } catch (Throwable failure) {
                call.completeExceptionally(failure);
            }
        });
        try {
            CompletableFuture.anyOf(call, exitCode).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!call.isDone()) {
                throw new ExecutionException(new IllegalStateException("its process exited with code "
                        + exitCode.join() + " during the call"));
            }
            return call.join();
        } catch (ExecutionException e) {
            if (Failures.causedBy(e, TimeoutException.class)) {
                // The SDK's own request timeout (the server's timeout_seconds) ran out first.
                throw new TimeoutException();
            }
            throw e;
        } finally {
            caller.interrupt();
        }
    }

    /** Why a call failed, in one line (with a stdio server's last stderr lines). */
    String whyFailed(Throwable failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return Failures.reason(cause) + stderr.summary();
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Shutdown.close(client, process);
        }
    }

    private static List<McpSchema.Tool> offeredTools(McpServerSettings settings, McpSyncClient client) {
        List<McpSchema.Tool> all = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
            all.addAll(page.tools());
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        Set<String> names = all.stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
        List<String> unknown = settings.tools().stream().filter(name -> !names.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new McpServerException(settings.name(), "does not offer the tools " + unknown
                    + " named in its tools list; it offers " + names.stream().sorted().toList(), null);
        }
        return all.stream().filter(tool -> settings.offers(tool.name())).toList();
    }

    private static String describe(McpEndpoint endpoint) {
        return switch (endpoint) {
            case McpEndpoint.Stdio stdio -> "command " + stdio.command();
            case McpEndpoint.StreamableHttp http -> "url " + http.url();
        };
    }
}
