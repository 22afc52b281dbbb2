package dev.agentplane.teams.tools.mcp;

import dev.agentplane.testing.NpmPackages;
import java.nio.file.Path;

/**
 * The real MCP servers from npm that the tests talk to, pinned in {@code src/test/mcp/package-lock.json} and
 * installed there with {@code npm ci} the first time they are needed.
 */
public final class McpTestServers {
    private static final Path DIR = Path.of("src", "test", "mcp");
    private static final String[] LAUNCHERS = {"mcp-server-everything", "mcp-server-filesystem"};

    private McpTestServers() {}

    /** The launcher of {@code @modelcontextprotocol/server-everything} (argument: stdio or streamableHttp). */
    public static Path everything() {
        return bin().resolve("mcp-server-everything");
    }

    /** The launcher of {@code @modelcontextprotocol/server-filesystem} (arguments: the allowed directories). */
    static Path filesystem() {
        return bin().resolve("mcp-server-filesystem");
    }

    private static Path bin() {
        return NpmPackages.require(DIR, "the MCP test servers", LAUNCHERS);
    }
}
