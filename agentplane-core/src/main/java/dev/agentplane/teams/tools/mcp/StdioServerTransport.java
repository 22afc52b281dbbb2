package dev.agentplane.teams.tools.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.lang.reflect.Field;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The SDK's stdio transport, started in the configured directory and with only the environment the SDK passes on
 * (HOME, PATH, USER and the like) plus the server's own {@code env}: a third-party server does not see the
 * secrets of the process that runs the team.
 */
final class StdioServerTransport extends StdioClientTransport {
    private final Path cwd;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

    StdioServerTransport(ServerParameters parameters, McpJsonMapper jsonMapper, Path cwd) {
        super(parameters, jsonMapper);
        this.cwd = cwd;
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
        ProcessBuilder builder = super.getProcessBuilder();
        // The transport adds the parameters' environment to this one after this call.
        builder.environment().clear();
        if (cwd != null) {
            builder.directory(cwd.toFile());
        }
        return builder;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return super.connect(handler).doOnSuccess(ignored -> process().ifPresent(
                process -> process.onExit().thenAccept(ended -> exitCode.complete(ended.exitValue()))));
    }

    /** The exit code of the server's process once it has ended (never completes if it could not be found). */
    CompletableFuture<Integer> exitCode() {
        return exitCode;
    }

    /**
     * The server's process, so that closing can also end what it started. The SDK keeps it private; an SDK that
     * renamed the field only loses that extra cleanup (the SDK still ends the process itself on close).
     */
    Optional<Process> process() {
        try {
            Field field = StdioClientTransport.class.getDeclaredField("process");
            field.setAccessible(true);
            return Optional.ofNullable((Process) field.get(this));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
