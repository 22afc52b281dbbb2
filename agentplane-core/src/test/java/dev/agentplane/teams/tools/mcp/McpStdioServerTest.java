package dev.agentplane.teams.tools.mcp;

import static dev.agentplane.teams.tools.mcp.McpToolTesting.call;
import static dev.agentplane.teams.tools.mcp.McpToolTesting.quoted;
import static dev.agentplane.teams.tools.mcp.McpToolTesting.servers;
import static dev.agentplane.teams.tools.mcp.McpToolTesting.tool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tools of a real {@code @modelcontextprotocol/server-everything} started over stdio. */
class McpStdioServerTest {
    private static McpConnections everything;

    @BeforeAll
    static void start() throws InterruptedException {
        everything = McpConnections.open(servers("""
                mcp_servers:
                  everything:
                    command: %s
                    args: [stdio]
                    env: {GREETING: "hello ${WHO}"}
                """.formatted(quoted(McpTestServers.everything())), Map.of("WHO", "team")));
    }

    @AfterAll
    static void stop() {
        if (everything != null) {
            everything.close();
        }
    }

    @Test
    void offers_each_remote_tool_under_the_server_name_with_its_description_and_schema() {
        assertThat(everything.tools()).extracting(AgentTool::name)
                .contains("everything__echo", "everything__get-sum", "everything__get-tiny-image")
                .allMatch(name -> name.matches("[a-zA-Z0-9_-]{1,64}"));
        AgentTool echo = tool(everything, "everything__echo");
        assertThat(echo.description()).isEqualTo("Echoes back the input string");
        JsonNode parameters = echo.parameters();
        assertThat(parameters.path("type").asText()).isEqualTo("object");
        assertThat(parameters.path("properties").path("message").path("type").asText()).isEqualTo("string");
        assertThat(parameters.path("required")).extracting(JsonNode::asText).containsExactly("message");
    }

    @Test
    void echo_returns_the_servers_text() throws InterruptedException {
        ToolResult result = call(everything, "everything__echo", "{\"message\": \"hello MCP\"}");

        assertThat(result.error()).isFalse();
        assertThat(result.content()).isEqualTo("Echo: hello MCP");
        assertThat(result.data().path("server").asText()).isEqualTo("everything");
        assertThat(result.data().path("tool").asText()).isEqualTo("echo");
    }

    @Test
    void get_sum_adds_the_two_numbers_on_the_server() throws InterruptedException {
        ToolResult result = call(everything, "everything__get-sum", "{\"a\": 19, \"b\": 23}");

        assertThat(result.error()).isFalse();
        assertThat(result.content()).isEqualTo("The sum of 19 and 23 is 42.");
    }

    @Test
    void an_error_the_tool_reports_becomes_an_error_result_with_its_message() throws InterruptedException {
        ToolResult result = call(everything, "everything__get-resource-reference", "{\"resourceId\": 0}");

        assertThat(result.error()).isTrue();
        assertThat(result.content()).contains("everything", "get-resource-reference",
                "Invalid resourceId: 0. Must be a finite positive integer.");
    }

    @Test
    void a_missing_or_mistyped_argument_is_refused_naming_the_argument() throws InterruptedException {
        ToolResult missing = call(everything, "everything__echo", "{}");
        ToolResult mistyped = call(everything, "everything__get-sum", "{\"a\": \"one\", \"b\": 2}");
        ToolResult notAnObject = call(everything, "everything__echo", "[\"hello\"]");

        assertThat(missing.error()).isTrue();
        assertThat(missing.content()).contains("argument 'message' is required");
        assertThat(mistyped.error()).isTrue();
        assertThat(mistyped.content()).contains("argument 'a' must be a number (got a string)");
        assertThat(notAnObject.error()).isTrue();
        assertThat(notAnObject.content()).contains("must be a JSON object");
    }

    @Test
    void an_image_becomes_a_short_note_and_an_embedded_resource_its_text() throws InterruptedException {
        ToolResult image = call(everything, "everything__get-tiny-image", "{}");
        ToolResult text = call(everything, "everything__get-resource-reference",
                "{\"resourceType\": \"Text\", \"resourceId\": 2}");
        ToolResult blob = call(everything, "everything__get-resource-reference",
                "{\"resourceType\": \"Blob\", \"resourceId\": 3}");

        assertThat(image.error()).isFalse();
        assertThat(image.content()).containsPattern("\\[image image/png, \\d+ bytes, not shown]")
                .doesNotContain("iVBOR");
        assertThat(text.error()).isFalse();
        assertThat(text.content()).contains("[resource demo://resource/dynamic/text/2 (text/plain)]\n"
                + "Resource 2: This is a plaintext resource");
        assertThat(blob.error()).isFalse();
        assertThat(blob.content()).containsPattern("\\[resource demo://resource/dynamic/blob/3, [^,]+, \\d+ bytes of"
                + " binary, not shown]");
    }

    @Test
    void the_server_gets_its_configured_environment_with_variables_filled_in_and_no_other_secrets()
            throws InterruptedException {
        ToolResult result = call(everything, "everything__get-env", "{}");

        assertThat(result.error()).isFalse();
        JsonNode environment = McpToolTesting.json(result.content());
        assertThat(environment.path("GREETING").asText()).isEqualTo("hello team");
        assertThat(environment.has("PATH")).isTrue();
        environment.fieldNames().forEachRemaining(name -> assertThat(name)
                .isIn("GREETING", "HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER"));
    }

    @Test
    void a_call_the_server_does_not_answer_in_time_is_an_error_result_naming_the_server()
            throws InterruptedException {
        long started = System.nanoTime();
        ToolResult result = call(everything, "everything__trigger-long-running-operation",
                "{\"duration\": 20, \"steps\": 2}", Duration.ofSeconds(1));

        assertThat(result.error()).isTrue();
        assertThat(result.content()).contains("MCP server 'everything' did not answer",
                "trigger-long-running-operation", "within 1s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void closing_ends_the_server_process_and_later_calls_are_error_results() throws InterruptedException {
        String marker = "agentplane-close-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        McpConnections connections = McpConnections.open(servers("""
                mcp_servers:
                  short-lived:
                    command: %s
                    args: [stdio, %s]
                """.formatted(quoted(McpTestServers.everything()), marker)));
        AgentTool echo = tool(connections, "short-lived__echo");
        assertThat(serverProcesses(marker)).hasSize(1);

        connections.close();

        assertThat(serverProcesses(marker)).isEmpty();
        ToolResult after = echo.run(McpToolTesting.json("{\"message\": \"still there?\"}"),
                McpToolTesting.context(Duration.ofSeconds(5)));
        assertThat(after.error()).isTrue();
        assertThat(after.content()).contains("MCP server 'short-lived' is closed");
    }

    @Test
    void a_call_after_the_server_process_died_is_an_error_result_saying_so() throws InterruptedException {
        String marker = "agentplane-crash-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (McpConnections connections = McpConnections.open(servers("""
                mcp_servers:
                  fragile:
                    command: %s
                    args: [stdio, %s]
                """.formatted(quoted(McpTestServers.everything()), marker)))) {
            serverProcesses(marker).forEach(process -> {
                process.destroyForcibly();
                process.onExit().join();
            });

            ToolResult result = call(connections, "fragile__echo", "{\"message\": \"hello?\"}");

            assertThat(result.error()).isTrue();
            assertThat(result.content()).contains("MCP server 'fragile' failed on the call of its tool echo",
                    "exited with code");
        }
    }

    private static java.util.List<ProcessHandle> serverProcesses(String marker) {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> java.util.Arrays.asList(args).contains(marker))
                        .orElse(false))
                .toList();
    }

    @Test
    void an_allow_list_offers_only_the_listed_tools() throws InterruptedException {
        try (McpConnections limited = McpConnections.open(servers("""
                mcp_servers:
                  calc:
                    command: %s
                    args: [stdio]
                    tools: [get-sum]
                """.formatted(quoted(McpTestServers.everything()))))) {
            assertThat(limited.tools()).extracting(AgentTool::name).containsExactly("calc__get-sum");
        }
    }

    @Test
    void an_allow_list_naming_a_tool_the_server_lacks_fails_the_start_naming_it() {
        assertThatThrownBy(() -> McpConnections.open(servers("""
                mcp_servers:
                  calc:
                    command: %s
                    args: [stdio]
                    tools: [get-sum, multiply]
                """.formatted(quoted(McpTestServers.everything())))))
                .isInstanceOf(McpServerException.class)
                .hasMessageContaining("MCP server 'calc' does not offer the tools [multiply]")
                .hasMessageContaining("get-sum");
    }

    @Test
    void a_command_that_does_not_exist_fails_at_once_naming_the_server() {
        assertThatThrownBy(() -> McpConnections.open(servers("""
                mcp_servers:
                  ghost:
                    command: /nonexistent/mcp-server-ghost
                  phantom:
                    command: mcp-server-that-is-on-no-path
                """)))
                .isInstanceOf(McpServerException.class)
                .hasMessageContaining("MCP server 'ghost' cannot start: its command /nonexistent/mcp-server-ghost is"
                        + " not an executable file");
        assertThatThrownBy(() -> McpConnections.open(servers("""
                mcp_servers:
                  phantom:
                    command: mcp-server-that-is-on-no-path
                """)))
                .hasMessageContaining("MCP server 'phantom' cannot start: its command mcp-server-that-is-on-no-path is"
                        + " not found on the PATH");
    }

    @Test
    void a_program_that_never_answers_the_handshake_fails_after_the_timeout_and_is_ended() {
        String marker = "4242" + (System.nanoTime() % 1000);
        assertThatThrownBy(() -> McpConnections.open(servers("""
                mcp_servers:
                  mute:
                    command: sleep
                    args: [%s]
                    timeout_seconds: 1
                """.formatted(marker))))
                .isInstanceOf(McpServerException.class)
                .hasMessageContaining("MCP server 'mute' did not start (command sleep): no answer to the MCP"
                        + " handshake within 1s");
        assertThat(serverProcesses(marker)).isEmpty();
    }

    @Test
    void a_server_that_exits_before_the_handshake_fails_at_once_with_its_stderr() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> McpConnections.open(servers("""
                mcp_servers:
                  broken:
                    command: %s
                    args: [no-such-transport]
                """.formatted(quoted(McpTestServers.everything())))))
                .isInstanceOf(McpServerException.class)
                .hasMessageContaining("MCP server 'broken' did not start")
                .hasMessageContaining("its process exited with code 1 before the MCP handshake")
                .hasMessageContaining("Unknown transport: no-such-transport");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }
}
