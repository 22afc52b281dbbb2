package dev.agentplane.teams.tools.mcp;

import static dev.agentplane.teams.tools.mcp.McpToolTesting.call;
import static dev.agentplane.teams.tools.mcp.McpToolTesting.servers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real {@code @modelcontextprotocol/server-everything} in its streamable HTTP mode, reached by URL. */
class McpStreamableHttpServerTest {
    private static Process server;
    private static int port;

    @BeforeAll
    static void startServer() throws IOException {
        port = freePort();
        server = startEverything(port);
    }

    @AfterAll
    static void stopServer() {
        stop(server);
    }

    /** server-everything in streamable HTTP mode on {@code port}, once it accepts connections. */
    static Process startEverything(int port) throws IOException {
        Path launcher = McpTestServers.everything();
        Path log = Files.createTempFile("mcp-everything-http-", ".log");
        log.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "streamableHttp")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive() || accepts(port));
        assertThat(process.isAlive()).as("server-everything streamableHttp: %s", Files.readString(log)).isTrue();
        return process;
    }

    private static void stop(Process process) {
        if (process != null) {
            process.destroy();
            process.onExit().join();
        }
    }

    @Test
    void lists_and_calls_the_tools_of_a_server_reached_by_url() throws InterruptedException {
        try (McpConnections connections = McpConnections.open(servers("""
                mcp_servers:
                  remote:
                    url: http://127.0.0.1:%d/mcp
                    timeout_seconds: 20
                """.formatted(port)))) {
            assertThat(connections.tools()).extracting(AgentTool::name)
                    .contains("remote__echo", "remote__get-sum");

            ToolResult echo = call(connections, "remote__echo", "{\"message\": \"over HTTP\"}");
            ToolResult sum = call(connections, "remote__get-sum", "{\"a\": 2.5, \"b\": 4}");
            ToolResult failed = call(connections, "remote__get-resource-reference", "{\"resourceId\": -1}");

            assertThat(echo.error()).isFalse();
            assertThat(echo.content()).isEqualTo("Echo: over HTTP");
            assertThat(sum.content()).isEqualTo("The sum of 2.5 and 4 is 6.5.");
            assertThat(failed.error()).isTrue();
            assertThat(failed.content()).contains("Invalid resourceId: -1");
        }
    }

    @Test
    void a_call_after_the_server_went_away_is_an_error_result_naming_the_server() throws Exception {
        int ownPort = freePort();
        Process own = startEverything(ownPort);
        try (McpConnections connections = McpConnections.open(servers("""
                mcp_servers:
                  fleeting:
                    url: http://127.0.0.1:%d/mcp
                """.formatted(ownPort)))) {
            stop(own);

            ToolResult result = call(connections, "fleeting__echo", "{\"message\": \"anyone?\"}");

            assertThat(result.error()).isTrue();
            assertThat(result.content()).contains("MCP server 'fleeting' failed on the call of its tool echo",
                    "cannot connect");
        } finally {
            stop(own);
        }
    }

    @Test
    void a_url_where_nothing_listens_fails_the_start_naming_the_server() throws IOException {
        int closedPort = freePort();

        assertThatThrownBy(() -> McpConnections.open(servers("""
                mcp_servers:
                  nowhere:
                    url: http://127.0.0.1:%d/mcp
                    timeout_seconds: 5
                """.formatted(closedPort))))
                .isInstanceOf(McpServerException.class)
                .hasMessageContaining("MCP server 'nowhere' did not start (url http://127.0.0.1:" + closedPort + "/mcp)");
    }

    @Test
    void configured_headers_go_with_every_request_with_environment_variables_filled_in() throws IOException {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer refusing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        refusing.createContext("/mcp", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(403, -1);
            exchange.close();
        });
        refusing.start();
        try {
            assertThatThrownBy(() -> McpConnections.open(servers("""
                    mcp_servers:
                      guarded:
                        url: http://127.0.0.1:%d/mcp
                        headers: {Authorization: "Bearer ${MCP_TOKEN}"}
                        timeout_seconds: 5
                    """.formatted(refusing.getAddress().getPort()), Map.of("MCP_TOKEN", "s3cret"))))
                    .isInstanceOf(McpServerException.class)
                    .hasMessageContaining("MCP server 'guarded' did not start");
            assertThat(authorizations).isNotEmpty().containsOnly("Bearer s3cret");
        } finally {
            refusing.stop(0);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
