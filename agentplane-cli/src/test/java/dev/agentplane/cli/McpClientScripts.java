package dev.agentplane.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The MCP client scripts of the server module's tests ({@code agentplane-server/src/test/mcp-clients}: the official
 * TypeScript SDK, pinned by its package-lock.json), installed with {@code npm ci} when missing or stale. Without node
 * and npm the tests are skipped on a developer machine and fail under {@code CI=true}.
 */
final class McpClientScripts {
    private static final Path DIR = Path.of("..", "agentplane-server", "src", "test", "mcp-clients").toAbsolutePath().normalize();
    private static String unavailable;
    private static boolean installed;

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
        String reason = install();
        if (reason != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(reason + " (CI=true: the MCP client tests must run, never skip)");
            }
            Assumptions.abort(reason);
        }
    }

    private static synchronized String install() {
        if (installed || unavailable != null) {
            return unavailable;
        }
        try {
            Path installedLock = DIR.resolve("node_modules/.package-lock.json");
            FileTime lock = Files.getLastModifiedTime(DIR.resolve("package-lock.json"));
            if (!Files.exists(installedLock) || lock.compareTo(Files.getLastModifiedTime(installedLock)) > 0) {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                        .directory(DIR.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                    npm.destroyForcibly();
                    throw new IOException("npm ci in " + DIR + " failed; run it there to see why");
                }
            }
            installed = true;
        } catch (IOException e) {
            unavailable = "the MCP test clients cannot be installed (are node and npm on the PATH?): " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable = "interrupted while installing the MCP test clients";
        }
        return unavailable;
    }
}
