package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.AgentPlaneServer;
import dev.agentplane.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `agentplane mcp` as a real process, started by the official TypeScript MCP client over stdio, relaying to a real
 * server's /mcp: every tool is called and the resources read through it.
 */
class McpCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void the_typescript_client_calls_every_tool_through_the_stdio_bridge() throws Exception {
        try (AgentPlaneServer server = AgentPlaneServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir),
                Clock.systemUTC())) {
            String url = "http://127.0.0.1:" + server.port();
            String key = server.bootstrapKey();
            String capability = "pages-" + UUID.randomUUID().toString().substring(0, 8);
            String workflow = "mcp-stdio-" + UUID.randomUUID().toString().substring(0, 8);
            send(url, key, "POST", "/v1/workflows", "application/yaml", "name: " + workflow
                    + "\nsteps:\n  - {id: work, type: task, capability: " + capability + ", input: {page: 3}}\n");
            String viewer = Json.parse(send(url, key, "POST", "/v1/keys", "application/json",
                    "{\"name\": \"viewer\", \"role\": \"viewer\"}")).get("key").asText();

            List<String> command = new ArrayList<>(List.of("stdio.mjs",
                    ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "mcp", "--server", url));
            McpClientScripts.Outcome outcome = McpClientScripts.node(command, Map.of("AGENTPLANE_API_KEY", key,
                    "AP_VIEWER_KEY", viewer, "AP_MCP_WORKFLOW", workflow, "AP_MCP_CAPABILITY", capability));

            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            JsonNode report = Json.parse(outcome.lastLine());
            assertThat(report.get("tools")).hasSize(16);
            assertThat(report.get("resources").toString()).contains("agentplane://workflows/" + workflow);
        }
    }

    @Test
    void without_a_server_it_says_what_to_set_and_exits_2(@TempDir Path home) {
        System.setProperty("agentplane.cli.config", home.resolve("config.yaml").toString()); // no profile
        try {
            CliRun run = CliRun.of("mcp", "--api-key", "ap_x");

            if (System.getenv("AGENTPLANE_URL") == null) {
                assertThat(run.exitCode()).isEqualTo(2);
                assertThat(run.err()).contains("--server URL (or AGENTPLANE_URL, or a profile)");
                assertThat(run.out()).isEmpty();
            }
        } finally {
            System.clearProperty("agentplane.cli.config");
        }
    }

    private static String send(String url, String key, String method, String path, String type, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return response.body();
    }
}
