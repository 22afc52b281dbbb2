package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.llm.FakeProvider;
import dev.agentplane.llm.FakeProvider.Call;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `agentplane run` and `agentplane runs`: a team of agents with real tools, the model a local fake server. */
class RunCommandTest {
    @TempDir
    Path dir;
    private FakeProvider provider;

    @BeforeEach
    void start() throws IOException {
        provider = FakeProvider.start();
        Files.createDirectories(dir.resolve("teams"));
        Files.writeString(dir.resolve("teams/ops.yaml"), """
                name: ops-team
                description: Does small operations
                max_steps: 8
                agents:
                  - name: Operator
                    role: Runs commands
                    system_prompt: You run commands carefully.
                    tools: [terminal, saveFile, file]
                """);
        Files.writeString(dir.resolve("config.yaml"), "models:\n  local: {api_base: \"" + provider.apiBase()
                + "\", models: [llama3.1], max_retries: 0}\n");
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    private CliRun agentplane(String... args) {
        String[] all = new String[args.length + 8];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--teams-dir", dir.resolve("teams").toString(), "--config", dir.resolve("config.yaml").toString(),
                "--data-dir", dir.resolve(".agentplane").toString(), "--workspace", dir.resolve("workspace").toString()}, 0, all, args.length, 8);
        return CliRun.of(all);
    }

    @Test
    void a_team_runs_real_tools_in_its_workspace_and_the_run_is_recorded() throws IOException {
        provider.toolCalls("I will write the file.", 100, 10, new Call("c1", "terminal", "{\"command\": \"echo hello > greeting.txt\"}"))
                .toolCalls(null, 120, 10, new Call("c2", "file", "{\"operation\": \"read\", \"path\": \"greeting.txt\"}"),
                        new Call("c3", "terminal", "{\"command\": \"sudo rm -rf /\"}"))
                .completion("greeting.txt says hello.", 150, 8);

        CliRun run = agentplane("run", "ops-team", "-t", "Write a greeting");
        CliRun json = agentplane("runs", "list", "--output", "json");
        JsonNode runs = Json.parse(json.out());
        String id = runs.get(0).get("id").asText();
        CliRun show = agentplane("runs", "show", id);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Operator: starts: Write a greeting", "→ terminal", "← terminal", "error: ",
                "greeting.txt says hello.", "completed");
        assertThat(Files.readString(dir.resolve("workspace/greeting.txt"))).isEqualTo("hello\n");
        assertThat(provider.lastRequest().body().at("/messages/5/content").asText()).contains("hello");
        assertThat(provider.lastRequest().body().at("/messages/6/content").asText()).contains("refused");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(runs.get(0).get("tokens_in").asLong()).isEqualTo(370);
        assertThat(show.out()).contains("run " + id, "ops-team", "completed", "← file: hello");
    }

    @Test
    void a_run_killed_mid_way_resumes_from_its_last_step_without_repeating_a_finished_tool_call() throws Exception {
        provider.toolCalls(null, 100, 10, new Call("c1", "terminal", "{\"command\": \"echo one >> log.txt\"}")).silence();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "run", "ops-team", "-t", "Log once"));
        command.addAll(List.of("--teams-dir", dir.resolve("teams").toString(), "--config", dir.resolve("config.yaml").toString(),
                "--data-dir", dir.resolve(".agentplane").toString(), "--workspace", dir.resolve("workspace").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
        try {
            // The second question reaches the model only after the tool call's result was recorded.
            await().atMost(Duration.ofSeconds(60)).until(() -> provider.received().size() == 2);
        } finally {
            process.destroyForcibly().waitFor(); // SIGKILL: no chance to record anything more
        }
        String id = Json.parse(agentplane("runs", "list", "--output", "json").out()).get(0).get("id").asText();
        provider.completion("Logged.", 120, 4);

        CliRun resumed = agentplane("runs", "resume", id);

        assertThat(resumed.exitCode()).as(resumed.err() + Files.readString(dir.resolve("run.log"))).isZero();
        assertThat(resumed.out()).contains("Logged.");
        assertThat(Files.readString(dir.resolve("workspace/log.txt"))).as("the tool call ran once").isEqualTo("one\n");
        assertThat(provider.received()).as("the first answer was not asked again").hasSize(3);
        assertThat(Json.parse(agentplane("runs", "list", "--output", "json").out()).get(0).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void json_output_and_exit_codes_for_ci() throws IOException {
        provider.json(401, "{\"error\": {\"message\": \"Incorrect API key provided\"}}");

        CliRun failed = agentplane("run", "ops-team", "-t", "anything", "--output", "json");
        CliRun unknown = agentplane("run", "no-such-team", "-t", "x");
        CliRun unknownJson = agentplane("run", "no-such-team", "-t", "x", "--output", "json");
        Files.writeString(dir.resolve("teams/bad.yaml"), "name: bad\nagents:\n  - name: a\n    max_steps: 0\n");
        CliRun invalid = agentplane("run", "bad", "-t", "x");

        JsonNode report = Json.parse(failed.out());
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(report.get("status").asText()).isEqualTo("failed");
        assertThat(report.get("error").asText()).contains("the model failed", "401");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("there is no team 'no-such-team'", "ops-team");
        assertThat(Json.parse(unknownJson.out()).get("status").asText()).isEqualTo("invalid");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("bad.yaml:4", "max_steps");
    }
}
