package dev.agentplane.teams.tools.mcp;

import io.modelcontextprotocol.client.McpSyncClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends a server's session and every process behind it, so that no server outlives the run. */
final class Shutdown {
    private static final Duration PROCESS_EXIT_WAIT = Duration.ofSeconds(3);

    private Shutdown() {}

    /**
     * Closes the session (the SDK then ends a stdio server's process), then ends whatever that process had started
     * and anything still alive: asked first, forced after a few seconds.
     */
    static void close(McpSyncClient client, Optional<ProcessHandle> process) {
        List<ProcessHandle> started = process.map(p -> p.descendants().toList()).orElse(List.of());
        try {
            client.closeGracefully();
        } catch (RuntimeException ignored) {
            // closed below regardless
        }
        try {
            client.close();
        } catch (RuntimeException ignored) {
            // the processes are ended below regardless
        }
        process.ifPresent(Shutdown::end);
        started.forEach(Shutdown::end);
    }

    private static void end(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(PROCESS_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        } catch (ExecutionException | TimeoutException e) {
            handle.destroyForcibly();
        }
    }
}
