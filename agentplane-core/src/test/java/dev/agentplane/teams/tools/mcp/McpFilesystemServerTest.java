package dev.agentplane.teams.tools.mcp;

import static dev.agentplane.teams.tools.mcp.McpToolTesting.call;
import static dev.agentplane.teams.tools.mcp.McpToolTesting.quoted;
import static dev.agentplane.teams.tools.mcp.McpToolTesting.servers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code @modelcontextprotocol/server-filesystem} over stdio, confined to a temporary directory. */
class McpFilesystemServerTest {
    @TempDir
    Path allowed;

    @Test
    void writes_a_file_then_reads_it_back_through_the_server() throws InterruptedException, IOException {
        Path dir = allowed.toRealPath();
        try (McpConnections files = open(dir)) {
            assertThat(files.tools()).extracting(AgentTool::name)
                    .contains("files__write_file", "files__read_text_file", "files__list_directory");
            Path note = dir.resolve("note.txt");

            ToolResult written = call(files, "files__write_file",
                    "{\"path\": \"%s\", \"content\": \"written through MCP\\n\"}".formatted(note));
            ToolResult read = call(files, "files__read_text_file", "{\"path\": \"%s\"}".formatted(note));

            assertThat(written.error()).isFalse();
            assertThat(Files.readString(note)).isEqualTo("written through MCP\n");
            assertThat(read.error()).isFalse();
            assertThat(read.content()).isEqualTo("written through MCP\n");
        }
    }

    @Test
    void a_path_outside_the_allowed_directory_is_an_error_result_from_the_server() throws InterruptedException,
            IOException {
        Path dir = allowed.toRealPath();
        try (McpConnections files = open(dir)) {
            ToolResult result = call(files, "files__read_text_file", "{\"path\": \"/etc/hostname\"}");

            assertThat(result.error()).isTrue();
            assertThat(result.content()).contains("MCP server 'files'", "read_text_file", "Access denied");
        }
    }

    private static McpConnections open(Path dir) throws InterruptedException {
        return McpConnections.open(servers("""
                mcp_servers:
                  files:
                    command: %s
                    args: [%s]
                    cwd: %s
                """.formatted(quoted(McpTestServers.filesystem()), quoted(dir), quoted(dir))));
    }
}
