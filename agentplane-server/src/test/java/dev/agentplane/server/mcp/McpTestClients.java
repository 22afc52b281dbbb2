package dev.agentplane.server.mcp;

import dev.agentplane.testing.NpmPackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real MCP clients from npm the tests drive (the official TypeScript SDK, the MCP inspector CLI), pinned in
 * {@code src/test/mcp-clients/package-lock.json} and installed there with {@code npm ci} the first time they are
 * needed (or when the lock file changed). Without node and npm the tests are skipped on a developer machine and
 * fail under {@code CI=true}.
 */
public final class McpTestClients {
    private static final Path DIR = Path.of("src", "test", "mcp-clients").toAbsolutePath();

    private McpTestClients() {}

    /** What a node script printed, and how it ended. */
    public record Outcome(int exitCode, String stdout, String stderr) {
        /** The last line of stdout: the scripts print their JSON report there. */
        public String lastLine() {
            String[] lines = stdout.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    /** Runs {@code node <script> <arguments>} in the clients' directory with {@code env} added. */
    public static Outcome node(String script, List<String> arguments, Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(arguments);
        return run(command, env);
    }

    /**
     * Runs the MCP inspector CLI ({@code @modelcontextprotocol/inspector-cli}) with {@code arguments}, from its own
     * build directory: version 1.0.3 looks for its package.json relative to the working directory.
     */
    public static Outcome inspector(List<String> arguments) {
        Path build = DIR.resolve("node_modules/@modelcontextprotocol/inspector-cli/build");
        List<String> command = new ArrayList<>(List.of("node", build.resolve("cli.js").toString(), "--cli"));
        command.addAll(arguments);
        return run(command, Map.of(), build);
    }

    private static Outcome run(List<String> command, Map<String, String> env) {
        return run(command, env, DIR);
    }

    private static Outcome run(List<String> command, Map<String, String> env, Path directory) {
        requireInstalled();
        try {
            Path out = Files.createTempFile("mcp-client-", ".out");
            Path err = Files.createTempFile("mcp-client-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " took more than 3 minutes: " + Files.readString(err));
            }
            Outcome outcome = new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return outcome;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void requireInstalled() {
        NpmPackages.require(DIR, "the MCP test clients", "mcp-inspector-cli");
    }
}
