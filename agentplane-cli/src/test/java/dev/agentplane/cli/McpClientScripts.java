package dev.agentplane.cli;

import dev.agentplane.testing.NpmPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The MCP client scripts of the server module's tests ({@code agentplane-server/src/test/mcp-clients}: the official
 * TypeScript SDK, pinned by its package-lock.json), installed with {@code npm ci} when missing or stale. Without node
 * and npm the tests are skipped on a developer machine and fail under {@code CI=true}.
 */
final class McpClientScripts {
    private static final Path DIR = Path.of("..", "agentplane-server", "src", "test", "mcp-clients").toAbsolutePath().normalize();

    private McpClientScripts() {}

    record Outcome(int exitCode, String stdout, String stderr) {
        String lastLine() {
            String[] lines = stdout.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    /** {@code node <arguments>} in the scripts' directory, with {@code env} added. */
    static Outcome node(List<String> arguments, Map<String, String> env) throws IOException, InterruptedException {
        requireInstalled();
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(arguments);
        Path out = Files.createTempFile("mcp-client-", ".out");
        Path err = Files.createTempFile("mcp-client-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " took more than 4 minutes: " + Files.readString(err));
        }
        Outcome outcome = new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return outcome;
    }

    private static void requireInstalled() {
        NpmPackages.require(DIR, "the MCP test clients", "mcp-inspector-cli");
    }
}
