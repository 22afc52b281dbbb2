package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.llm.FakeProvider;
import dev.agentplane.llm.FakeProvider.Call;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example infrastructure team (examples/teams) on a copy of examples/terraform/staging, with the real Terraform
 * CLI and policy pack; the model is scripted turn by turn on a local server speaking OpenAI's protocol.
 */
class InfrastructureTeamTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Pattern PLAN = Pattern.compile("plan-[A-Za-z0-9-]+\\.tfplan");
    @TempDir
    Path dir;
    private FakeProvider provider;

    @BeforeEach
    void start() throws IOException {
        provider = FakeProvider.start();
        Files.createDirectories(dir.resolve("teams"));
        Files.createDirectories(dir.resolve("workspace/staging"));
        Files.copy(EXAMPLES.resolve("terraform/staging/main.tf"), dir.resolve("workspace/staging/main.tf"));
        Files.writeString(dir.resolve("config.yaml"), "models:\n  openai: {api_base: \"" + provider.apiBase()
                + "\", api_key: sk-test, models: [gpt-4o-mini], max_retries: 0}\n");
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    private static String planIn(JsonNode request) {
        Matcher matcher = PLAN.matcher(request.get("messages").toString());
        String last = null;
        while (matcher.find()) {
            last = matcher.group();
        }
        return last;
    }

    private void script() {
        provider.toolCalls(null, 300, 20, new Call("p1", "terraform", "{\"action\": \"init\"}"))
                .toolCalls(null, 400, 20, new Call("p2", "terraform", "{\"action\": \"validate\"}"))
                .toolCalls(null, 500, 20, new Call("p3", "terraform", "{\"action\": \"plan\"}"))
                .computed(request -> provider.completion("Saved plan " + planIn(request) + ": it adds 2 resources.", 600, 30))
                .computed(request -> provider.toolCalls(null, 300, 20,
                        new Call("r1", "policy", "{\"plan\": \"" + planIn(request) + "\"}")))
                .computed(request -> provider.completion("The plan passed every policy. Plan: " + planIn(request), 400, 20))
                .computed(request -> provider.toolCalls(null, 300, 20,
                        new Call("o1", "terraform", "{\"action\": \"apply\", \"plan\": \"" + planIn(request) + "\"}")))
                .toolCalls(null, 400, 20, new Call("o2", "terraform", "{\"action\": \"drift\"}"))
                .completion("Done: see the results above.", 500, 30);
    }

    private CliRun run(String team) {
        return CliRun.of("run", team, "-t", "Provision the staging environment", "--teams-dir", dir.resolve("teams").toString(),
                "--config", dir.resolve("config.yaml").toString(), "--data-dir", dir.resolve(".agentplane").toString(),
                "--workspace", dir.resolve("workspace").toString());
    }

    @Test
    void plans_checks_policy_applies_without_asking_when_the_team_allows_it_and_finds_no_drift() throws IOException {
        String team = Files.readString(EXAMPLES.resolve("teams/infrastructure-team.yaml"))
                .replace("auto_approve: false", "auto_approve: true");
        Files.writeString(dir.resolve("teams/infrastructure-team.yaml"), team);
        script();

        CliRun run = run("infrastructure-team");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Planner: starts", "→ terraform", "Reviewer: starts", "→ policy", "Operator: starts",
                "completed");
        assertThat(dir.resolve("workspace/staging/terraform.tfstate")).exists();
        assertThat(Files.readString(dir.resolve("workspace/staging/terraform.tfstate"))).contains("app_server", "10.20.0.0/16");
        String conversation = provider.lastRequest().body().get("messages").toString();
        assertThat(conversation).contains("Applied plan", "2 added", "No drift");
        assertThat(provider.received().get(5).body().get("messages").toString()).contains("passed");
    }

    @Test
    void without_a_terminal_to_ask_and_without_auto_approve_the_apply_is_refused_and_nothing_changes() throws IOException {
        Files.copy(EXAMPLES.resolve("teams/infrastructure-team.yaml"), dir.resolve("teams/infrastructure-team.yaml"));
        script();

        CliRun run = run("infrastructure-team");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("nobody can approve the apply");
        assertThat(provider.received().get(7).body().get("messages").toString())
                .as("the model reads why and what to do").contains("nobody can approve the apply", "auto_approve: true");
        assertThat(dir.resolve("workspace/staging/terraform.tfstate")).doesNotExist();
        try (Stream<Path> plans = Files.list(dir.resolve("workspace/staging/.agentplane-plans"))) {
            assertThat(plans.filter(p -> p.toString().endsWith(".tfplan"))).as("the plan is kept for a person").hasSize(1);
        }
    }
}
