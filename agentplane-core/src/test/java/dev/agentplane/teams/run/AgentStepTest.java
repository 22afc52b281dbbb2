package dev.agentplane.teams.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionStep;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.llm.FakeProvider;
import dev.agentplane.llm.FakeProvider.Call;
import dev.agentplane.llm.LlmConfig;
import dev.agentplane.llm.Models;
import dev.agentplane.teams.record.LocalRunRecords;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.workflows.WorkflowFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** `type: agent` steps run a team through the engine, recorded as a run, with its tokens on the execution. */
class AgentStepTest {

    @AcrossDatabases
    void an_agent_step_runs_the_team_and_its_answer_tokens_and_cost_land_on_the_execution(TestPlane t) throws Exception {
        Path dir = Files.createTempDirectory("agent-step");
        Files.createDirectories(dir.resolve("teams"));
        Files.writeString(dir.resolve("teams/notes.yaml"), """
                name: notes-team
                max_steps: 3
                agents:
                  - {name: writer, system_prompt: You write notes., tools: [saveFile]}
                  - {name: reader, system_prompt: You read notes.}
                """);
        try (FakeProvider provider = FakeProvider.start()) {
            Models models = Models.create(LlmConfig.parse(Json.YAML.readTree("""
                    models:
                      openai: {api_base: %s, api_key: sk-test, models: [gpt-4o-mini], max_retries: 0}
                    """.formatted(provider.apiBase())), Map.of()));
            t.plane().engine().connectTeams(new EngineTeamSteps(t.plane(), dir.resolve("teams"), models, dir.resolve("workspaces")));
            t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, """
                    name: note-taking
                    inputs: {topic: {type: string, required: true}}
                    steps:
                      - {id: write, type: agent, agent: writer, task: "Write a note about ${{ inputs.topic }}"}
                      - {id: again, type: agent, team: notes-team, task: "Loop forever"}
                    """);
            provider.toolCalls(null, 100, 10, new Call("c1", "saveFile", "{\"path\": \"note.md\", \"content\": \"# Tides\"}"))
                    .completion("Saved note.md.", 120, 6)
                    // the second step's team: the router, then 3 steps without an answer
                    .toolCalls(null, 10, 1, new Call("r", "handover", "{\"agent\": \"reader\", \"message\": \"go\"}"))
                    .toolCalls(null, 10, 1, new Call("h1", "handover", "{\"agent\": \"writer\", \"message\": \"back\"}"))
                    .toolCalls(null, 10, 1, new Call("h2", "handover", "{\"agent\": \"reader\", \"message\": \"again\"}"));

            Execution started = t.plane().executions().start(t.actor(), new StartExecution("note-taking", null, null,
                    Json.object().put("topic", "tides")));
            t.plane().engine().runUntilIdle();
            Execution done = t.plane().executions().get(t.actor(), started.id());

            JsonNode written = t.plane().executions().steps(t.actor(), started.id()).stream()
                    .filter(step -> step.stepId().equals("write")).map(ExecutionStep::output).findFirst().orElseThrow();
            assertThat(written.get("result").asText()).isEqualTo("Saved note.md.");
            assertThat(Files.readString(dir.resolve("workspaces").resolve(written.get("run_id").asText()).resolve("note.md")))
                    .isEqualTo("# Tides");
            assertThat(new LocalRunRecords(t.plane(), t.actor()).get(written.get("run_id").asText()).status()).isEqualTo("completed");
            assertThat(done.status()).isEqualTo(Execution.FAILED);
            assertThat(done.error()).contains("again", "max_steps (3)");
            assertThat(done.tokensIn()).as("both runs' tokens, the failed one's too").isEqualTo(100 + 120 + 10 + 10 + 10);
            assertThat(done.costUsd()).isPositive();
        }
    }

    @AcrossDatabases
    void cancelling_the_execution_stops_its_running_team_and_cancels_the_run(TestPlane t) throws Exception {
        Path dir = Files.createTempDirectory("agent-cancel");
        Files.createDirectories(dir.resolve("teams"));
        Files.writeString(dir.resolve("teams/notes.yaml"), """
                name: notes-team
                agents:
                  - {name: writer, system_prompt: You write notes., tools: [saveFile]}
                """);
        try (FakeProvider provider = FakeProvider.start()) {
            Models models = Models.create(LlmConfig.parse(Json.YAML.readTree("""
                    models:
                      openai: {api_base: %s, api_key: sk-test, models: [gpt-4o-mini], max_retries: 0}
                    """.formatted(provider.apiBase())), Map.of()));
            t.plane().engine().connectTeams(new EngineTeamSteps(t.plane(), dir.resolve("teams"), models, dir.resolve("workspaces")));
            t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, """
                    name: note-once
                    steps:
                      - {id: write, type: agent, team: notes-team, task: "Write a note"}
                    """);
            Execution started = t.plane().executions().start(t.actor(), new StartExecution("note-once", null, null, Json.object()));
            // While the model thinks, a person cancels the execution.
            provider.computed(request -> {
                t.plane().executions().cancel(t.actor(), started.id(), new dev.agentplane.executions.CancelExecution("not needed"));
                return provider.toolCalls(null, 10, 1, new Call("c1", "saveFile", "{\"path\": \"note.md\", \"content\": \"x\"}"));
            });

            t.plane().engine().runUntilIdle();

            Execution run = new LocalRunRecords(t.plane(), t.actor()).list("notes-team", 5).stream().findFirst()
                    .map(summary -> t.plane().executions().get(t.actor(), summary.id())).orElseThrow();
            assertThat(t.plane().executions().get(t.actor(), started.id()).status()).isEqualTo(Execution.CANCELLED);
            assertThat(run.status()).as("the team's run is cancelled with its parent").isEqualTo(Execution.CANCELLED);
            assertThat(provider.received()).hasSize(1);
            assertThat(dir.resolve("workspaces").resolve(run.id()).resolve("note.md")).as("the tool call did not run").doesNotExist();
        }
    }
}
