package dev.agentplane.cli.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplane.server.AgentPlaneServer;
import dev.agentplane.server.config.ServerConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The stdio bridge's own behaviour, with its stdin and stdout in this JVM and a real server behind it. */
@Timeout(60)
class McpBridgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INITIALIZE = "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": "
            + "{\"protocolVersion\": \"2025-06-18\", \"capabilities\": {}, \"clientInfo\": {\"name\": \"t\", \"version\": \"1\"}}}";

    @TempDir
    Path dir;

    /** The bridge on pipes: write lines to its stdin, read the lines it answers. */
    private static final class Piped implements AutoCloseable {
        final PrintStream stdin;
        final BufferedReader stdout;
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final Thread thread;
        final McpBridge bridge;

        Piped(McpBridgeFactory factory) throws IOException {
            PipedOutputStream in = new PipedOutputStream();
            PipedInputStream bridgeIn = new PipedInputStream(in, 1 << 16);
            PipedInputStream out = new PipedInputStream(1 << 20);
            PrintStream bridgeOut = new PrintStream(new PipedOutputStream(out), true, StandardCharsets.UTF_8);
            stdin = new PrintStream(in, true, StandardCharsets.UTF_8);
            stdout = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
            bridge = factory.create(bridgeOut, new PrintStream(stderr, true, StandardCharsets.UTF_8));
            thread = Thread.ofVirtual().start(() -> {
                try {
                    bridge.run(bridgeIn);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        JsonNode ask(String message) throws IOException {
            stdin.println(message);
            return JSON.readTree(stdout.readLine());
        }

        @Override
        public void close() throws InterruptedException {
            stdin.close();
            thread.join();
        }
    }

    private interface McpBridgeFactory {
        McpBridge create(PrintStream out, PrintStream log);
    }

    @Test
    void a_session_the_server_forgot_is_reopened_and_the_message_sent_again() throws Exception {
        try (AgentPlaneServer server = AgentPlaneServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir),
                Clock.systemUTC());
             Piped bridge = new Piped((out, log) -> new McpBridge(URI.create("http://127.0.0.1:" + server.port() + "/"),
                     server.bootstrapKey(), out, log))) {
            JsonNode initialized = bridge.ask(INITIALIZE);
            assertThat(initialized.at("/result/serverInfo/name").asText()).isEqualTo("agentplane");

            endSession(server, bridge.bridge.sessionId()); // as a restart of the server would

            JsonNode tools = bridge.ask("{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"tools/list\"}");
            assertThat(tools.at("/result/tools").size()).isEqualTo(16);
            assertThat(bridge.stderr.toString(StandardCharsets.UTF_8)).contains("opening a new one");
        }
    }

    @Test
    void a_server_it_cannot_reach_is_a_json_rpc_error_naming_the_url() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI server = URI.create("http://127.0.0.1:" + closedPort);
        try (Piped bridge = new Piped((out, log) -> new McpBridge(server, "ap_key", out, log))) {
            JsonNode answer = bridge.ask(INITIALIZE);

            assertThat(answer.get("id").asInt()).isEqualTo(1);
            assertThat(answer.at("/error/message").asText()).contains("cannot reach AgentPlane at " + server + "/mcp");
            assertThat(bridge.ask("not json").at("/error/code").asInt()).isEqualTo(-32700);
        }
    }

    @Test
    void the_endpoint_is_the_servers_mcp_path_keeping_a_prefix() {
        assertThat(McpBridge.endpoint(URI.create("http://h:8080"))).hasToString("http://h:8080/mcp");
        assertThat(McpBridge.endpoint(URI.create("https://h/agentplane/"))).hasToString("https://h/agentplane/mcp");
        assertThat(McpBridge.endpoint(URI.create("https://h/mcp"))).hasToString("https://h/mcp");
    }

    /** Ends a session behind the bridge's back. */
    private static void endSession(AgentPlaneServer server, String sessionId) throws Exception {
        HttpResponse<Void> ended = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
                .header("Authorization", "Bearer " + server.bootstrapKey()).header("Mcp-Session-Id", sessionId)
                .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(ended.statusCode()).isEqualTo(200);
    }
}
