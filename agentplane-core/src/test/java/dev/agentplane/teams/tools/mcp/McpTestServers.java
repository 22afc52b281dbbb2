package dev.agentplane.teams.tools.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real MCP servers from npm that the tests talk to, pinned in {@code src/test/mcp/package-lock.json} and
 * installed there with {@code npm ci} the first time they are needed (or when the lock file changed). Without
 * node and npm the tests are skipped on a developer machine and fail under {@code CI=true}.
 */
public final class McpTestServers {
    private static final Path DIR = Path.of("src", "test", "mcp").toAbsolutePath();
    private static final Path BIN = DIR.resolve("node_modules").resolve(".bin");
    private static String unavailable;
    private static boolean installed;

    private McpTestServers() {}

    /** The launcher of {@code @modelcontextprotocol/server-everything} (argument: stdio or streamableHttp). */
    public static Path everything() {
        return require("mcp-server-everything");
    }

    /** The launcher of {@code @modelcontextprotocol/server-filesystem} (arguments: the allowed directories). */
    static Path filesystem() {
        return require("mcp-server-filesystem");
    }

    private static Path require(String launcher) {
        String reason = install();
        if (reason != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(reason + " (CI=true: the MCP tests must run, never skip)");
            }
            Assumptions.abort(reason);
        }
        return BIN.resolve(launcher);
    }

    private static synchronized String install() {
        if (installed || unavailable != null) {
            return unavailable;
        }
        try {
            if (isStale()) {
                run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
            }
            installed = true;
        } catch (IOException e) {
            unavailable = "the MCP test servers cannot be installed (are node and npm on the PATH?): "
                    + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable = "interrupted while installing the MCP test servers";
        }
        return unavailable;
    }

    private static boolean isStale() throws IOException {
        Path installedLock = DIR.resolve("node_modules").resolve(".package-lock.json");
        if (!Files.exists(BIN.resolve("mcp-server-everything")) || !Files.exists(BIN.resolve("mcp-server-filesystem"))
                || !Files.exists(installedLock)) {
            return true;
        }
        FileTime lock = Files.getLastModifiedTime(DIR.resolve("package-lock.json"));
        return lock.compareTo(Files.getLastModifiedTime(installedLock)) > 0;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("mcp-npm-ci-", ".log");
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " took more than 5 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " in " + DIR + " exited with " + process.exitValue()
                    + ": " + Files.readString(log));
        }
        Files.deleteIfExists(log);
    }
}
