package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.llm.FakeProvider;
import dev.agentplane.llm.FakeProvider.Call;
import dev.agentplane.server.AgentPlaneServer;
import dev.agentplane.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `agentplane run --server`: the run is an execution of a real server, with its events and audit rows. */
class RemoteRunTest {
    @TempDir
    Path dir;

    private static JsonNode get(AgentPlaneServer server, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).header("Authorization", "Bearer " + server.bootstrapKey())
                .build(), HttpResponse.BodyHandlers.ofString());
        return Json.parse(response.body());
    }

    @Test
    void a_run_recorded_on_a_server_is_an_execution_with_its_steps_as_events_and_audit_rows() throws Exception {
        Files.createDirectories(dir.resolve("teams"));
        Files.writeString(dir.resolve("teams/ops.yaml"), """
                name: ops-team
                memory: true
                agents:
                  - {name: Operator, system_prompt: You keep notes., tools: [state]}
                """);
        try (FakeProvider provider = FakeProvider.start();
             AgentPlaneServer server = AgentPlaneServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("server")),
                     Clock.systemUTC())) {
            Files.writeString(dir.resolve("config.yaml"), "models:\n  local: {api_base: \"" + provider.apiBase()
                    + "\", models: [llama3.1], max_retries: 0}\n");
            provider.toolCalls(null, 50, 5, new Call("s1", "state", "{\"operation\": \"set\", \"namespace\": \"notes\", \"key\": \"last\", \"value\": \"deployed\"}"))
                    .completion("Noted.", 60, 3)
                    .completion("- notes go to state notes/last", 20, 5);
            String url = "http://127.0.0.1:" + server.port();

            CliRun run = CliRun.of("run", "ops-team", "-t", "Note the deploy", "--server", url, "--api-key", server.bootstrapKey(),
                    "--teams-dir", dir.resolve("teams").toString(), "--config", dir.resolve("config.yaml").toString(),
                    "--workspace", dir.resolve("workspace").toString(), "--output", "json");
            CliRun listed = CliRun.of("runs", "list", "--server", url, "--api-key", server.bootstrapKey(), "--output", "json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            String id = Json.parse(run.out()).get("run_id").asText();
            JsonNode execution = get(server, "/v1/executions/" + id);
            assertThat(execution.get("workflow_name").asText()).isEqualTo("team.ops-team");
            assertThat(execution.get("status").asText()).isEqualTo("completed");
            assertThat(execution.get("tokens_in").asLong()).isEqualTo(110);
            assertThat(get(server, "/v1/executions/" + id + "/events?limit=200").get("items").toString())
                    .contains("team.model.answered", "team.tool.finished", "team.run.ended");
            assertThat(get(server, "/v1/state/notes/last").get("value").asText()).isEqualTo("deployed");
            assertThat(get(server, "/v1/state/memory/ops-team:Operator").at("/value/summary").asText()).contains("notes/last");
            assertThat(get(server, "/v1/audit?limit=200").get("items").toString()).contains("execution.start");
            assertThat(Json.parse(listed.out()).get(0).get("id").asText()).isEqualTo(id);
            assertThat(Files.exists(Path.of(".agentplane"))).as("nothing recorded in a local store").isFalse();
        }
    }
}
