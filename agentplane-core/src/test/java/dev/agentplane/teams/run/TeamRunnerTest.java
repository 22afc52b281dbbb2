package dev.agentplane.teams.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.llm.FakeProvider;
import dev.agentplane.llm.FakeProvider.Call;
import dev.agentplane.llm.LlmConfig;
import dev.agentplane.llm.Models;
import dev.agentplane.teams.definition.TeamDefinition;
import dev.agentplane.teams.definition.TeamParser;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.ToolResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs against a local server speaking OpenAI's protocol, scripted answer by answer. */
class TeamRunnerTest {
    @TempDir
    Path workspace;
    private FakeProvider provider;
    private Models models;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private boolean crashOnFirstCall;

    /** Stands for the process being killed: an Error no part of the runner handles. */
    static final class Killed extends Error {
        Killed() {
            super("killed");
        }
    }

    /** A tool that writes down each call; it may crash once, like a process killed while a tool runs. */
    private final AgentTool notes = new AgentTool() {
        public String name() { return "notes"; }
        public String description() { return "Writes a note."; }
        public JsonNode parameters() {
            return Json.parse("{\"type\": \"object\", \"properties\": {\"text\": {\"type\": \"string\"}}, \"required\": [\"text\"]}");
        }
        public ToolResult run(JsonNode arguments, ToolContext context) {
            String text = arguments.path("text").asText();
            if (crashOnFirstCall && text.equals("second")) {
                crashOnFirstCall = false;
                throw new Killed(); // like the process dying: nothing after this point is recorded
            }
            calls.add(text);
            return ToolResult.ok("noted " + text);
        }
    };

    @BeforeEach
    void start() throws IOException {
        provider = FakeProvider.start();
        models = Models.create(LlmConfig.parse(Json.YAML.readTree("""
                models:
                  openai: {api_base: %s, api_key: sk-test, models: [gpt-4o-mini], max_retries: 0}
                """.formatted(provider.apiBase())), Map.of()));
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    private static TeamDefinition team(String yaml) {
        return TeamParser.parse(Path.of("teams/t.yaml"), yaml).orThrow();
    }

    private RunOutcome run(TeamDefinition team, String task, RunJournal journal) throws InterruptedException {
        return new TeamRunner(models, agent -> agent.tools().contains("notes") ? List.of(notes) : List.of(), null)
                .run("run-1", team, task, journal, new ToolContext(workspace, "run-1", null, Duration.ofMinutes(1)), RunListener.NONE);
    }

    private static final String ONE_AGENT = """
            name: scribe-team
            max_steps: 10
            agents:
              - name: scribe
                role: Note taker
                system_prompt: You take notes.
                tools: [notes]
            """;

    @Test
    void an_agent_calls_tools_until_it_answers_and_the_run_reports_steps_tokens_and_cost() throws Exception {
        provider.toolCalls(null, 100, 10, new Call("c1", "notes", "{\"text\": \"first\"}"))
                .completion("Noted everything.", 150, 5);

        RunOutcome outcome = run(team(ONE_AGENT), "take a note", new MemoryJournal());

        assertThat(outcome.status()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(outcome.result()).isEqualTo("Noted everything.");
        assertThat(outcome.steps()).isEqualTo(2);
        assertThat(outcome.tokensIn()).isEqualTo(250);
        assertThat(outcome.costUsd()).isPositive();
        assertThat(calls).containsExactly("first");
        JsonNode second = provider.lastRequest().body();
        assertThat(second.at("/messages/0/content").asText()).contains("You take notes.", "You are scribe, Note taker");
        assertThat(second.at("/messages/3/role").asText()).isEqualTo("tool");
        assertThat(second.at("/messages/3/content").asText()).isEqualTo("noted first");
        assertThat(second.at("/tools/0/function/name").asText()).isEqualTo("notes");
    }

    @Test
    void a_run_killed_during_a_tool_call_resumes_without_asking_the_model_again_or_repeating_finished_calls() throws Exception {
        crashOnFirstCall = true;
        provider.toolCalls(null, 100, 10, new Call("c1", "notes", "{\"text\": \"first\"}"), new Call("c2", "notes", "{\"text\": \"second\"}"))
                .completion("Both noted.", 120, 4);
        MemoryJournal journal = new MemoryJournal();

        assertThatThrownBy(() -> run(team(ONE_AGENT), "two notes", journal)).hasMessage("killed");
        RunOutcome resumed = run(team(ONE_AGENT), "two notes", new MemoryJournal(journal.events()));

        assertThat(resumed.status()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(resumed.result()).isEqualTo("Both noted.");
        assertThat(calls).as("first ran once; second, unfinished when killed, ran again").containsExactly("first", "second");
        assertThat(provider.received()).as("the first answer was replayed, not asked again").hasSize(2);
        assertThat(resumed.steps()).isEqualTo(2);
    }

    @Test
    void a_hierarchical_run_killed_in_its_second_delegation_resumes_with_each_subtask_getting_its_own_answer() throws Exception {
        crashOnFirstCall = true;
        TeamDefinition team = team("""
                name: org
                process: hierarchical
                agents:
                  - {name: boss, system_prompt: You manage.}
                  - {name: worker, system_prompt: You work., tools: [notes]}
                """);
        provider.toolCalls(null, 10, 1, new Call("m1", "delegate", "{\"agent\": \"worker\", \"subtask\": \"A\"}"))
                .completion("result of A", 10, 1)
                .toolCalls(null, 10, 1, new Call("m2", "delegate", "{\"agent\": \"worker\", \"subtask\": \"B\"}"))
                .toolCalls(null, 10, 1, new Call("w1", "notes", "{\"text\": \"second\"}"));
        MemoryJournal journal = new MemoryJournal();
        assertThatThrownBy(() -> run(team, "two subtasks", journal)).hasMessage("killed");
        provider.completion("result of B", 10, 1).completion("A and B are done", 10, 1);

        RunOutcome resumed = run(team, "two subtasks", new MemoryJournal(journal.events()));

        assertThat(resumed.result()).isEqualTo("A and B are done");
        JsonNode boss = provider.lastRequest().body().get("messages");
        assertThat(boss.get(3).get("content").asText()).isEqualTo("result of A");
        assertThat(boss.get(5).get("content").asText()).isEqualTo("result of B");
        assertThat(calls).as("the call in flight when killed ran again, once").containsExactly("second");
        assertThat(provider.received()).as("no recorded answer was asked for again").hasSize(6);
    }

    @Test
    void call_ids_a_provider_repeats_across_answers_do_not_mix_up_recorded_results() throws Exception {
        crashOnFirstCall = true;
        provider.toolCalls(null, 10, 1, new Call("call_0", "notes", "{\"text\": \"first\"}"))
                .toolCalls(null, 10, 1, new Call("call_0", "notes", "{\"text\": \"second\"}"));
        MemoryJournal journal = new MemoryJournal();
        assertThatThrownBy(() -> run(team(ONE_AGENT), "two notes", journal)).hasMessage("killed");
        provider.completion("done", 10, 1);

        RunOutcome resumed = run(team(ONE_AGENT), "two notes", new MemoryJournal(journal.events()));

        assertThat(resumed.completed()).isTrue();
        assertThat(calls).containsExactly("first", "second");
        assertThat(provider.lastRequest().body().get("messages").get(5).get("content").asText()).isEqualTo("noted second");
    }

    @Test
    void a_run_resumes_only_with_the_team_it_started_with() throws Exception {
        crashOnFirstCall = true;
        provider.toolCalls(null, 10, 1, new Call("c1", "notes", "{\"text\": \"second\"}"));
        MemoryJournal journal = new MemoryJournal();
        assertThatThrownBy(() -> run(team(ONE_AGENT), "note", journal)).hasMessage("killed");

        assertThatThrownBy(() -> run(team(ONE_AGENT.replace("max_steps: 10", "max_steps: 9")), "note",
                new MemoryJournal(journal.events()))).hasMessageContaining("changed since run run-1 started");
    }

    @Test
    void max_steps_ends_the_run_with_a_reason() throws Exception {
        TeamDefinition team = team(ONE_AGENT.replace("max_steps: 10", "max_steps: 2"));
        provider.toolCalls(null, 10, 1, new Call("c1", "notes", "{\"text\": \"a\"}"))
                .toolCalls(null, 10, 1, new Call("c2", "notes", "{\"text\": \"b\"}"));

        RunOutcome outcome = run(team, "loop", new MemoryJournal());

        assertThat(outcome.status()).isEqualTo(RunOutcome.FAILED);
        assertThat(outcome.reason()).contains("max_steps (2)");
    }

    @Test
    void a_provider_error_ends_the_run_with_what_to_fix() throws Exception {
        provider.json(401, "{\"error\": {\"message\": \"Incorrect API key provided\", \"type\": \"invalid_request_error\"}}");

        RunOutcome outcome = run(team(ONE_AGENT), "anything", new MemoryJournal());

        assertThat(outcome.status()).isEqualTo(RunOutcome.FAILED);
        assertThat(outcome.reason()).startsWith("the model failed:").contains("401");
    }

    @Test
    void router_picks_the_first_member_and_members_hand_over_until_one_answers() throws Exception {
        TeamDefinition team = team("""
                name: writers
                agents:
                  - {name: drafter, role: Writes drafts, system_prompt: You draft.}
                  - {name: editor, role: Edits drafts, system_prompt: You edit.}
                """);
        provider.toolCalls(null, 10, 1, new Call("r1", "handover", "{\"agent\": \"drafter\", \"message\": \"draft it\"}"))
                .toolCalls(null, 10, 1, new Call("d1", "handover", "{\"agent\": \"editor\", \"message\": \"DRAFT: hello\"}"))
                .completion("Hello, edited.", 10, 1);
        MemoryJournal journal = new MemoryJournal();

        RunOutcome outcome = run(team, "write a greeting", journal);

        assertThat(outcome.result()).isEqualTo("Hello, edited.");
        assertThat(journal.events()).filteredOn(RunEvent.TurnStarted.class::isInstance)
                .extracting(e -> ((RunEvent.TurnStarted) e).agent()).containsExactly("router", "drafter", "editor");
        assertThat(provider.received().get(0).body().at("/messages/0/content").asText()).contains("drafter (Writes drafts)");
        assertThat(provider.lastRequest().body().at("/messages/1/content").asText()).contains("drafter handed the work over", "DRAFT: hello");
    }

    @Test
    void sequential_members_each_read_the_previous_result() throws Exception {
        TeamDefinition team = team("""
                name: pipeline
                process: sequential
                agents:
                  - {name: planner, system_prompt: You plan.}
                  - {name: doer, system_prompt: You do.}
                """);
        provider.completion("PLAN: step 1", 10, 1).completion("DONE: step 1", 10, 1);

        RunOutcome outcome = run(team, "ship it", new MemoryJournal());

        assertThat(outcome.result()).isEqualTo("DONE: step 1");
        assertThat(provider.lastRequest().body().at("/messages/1/content").asText()).contains("planner", "PLAN: step 1");
    }

    @Test
    void parallel_members_work_at_once_and_the_merge_agent_combines_them() throws Exception {
        TeamDefinition team = team("""
                name: survey
                process: parallel
                agents:
                  - {name: east, system_prompt: You look east.}
                  - {name: west, system_prompt: You look west.}
                  - {name: merger, system_prompt: You merge.}
                """);
        provider.completion("seen: hills", 10, 1).completion("seen: hills", 10, 1).completion("Both saw hills.", 10, 1);

        RunOutcome outcome = run(team, "look around", new MemoryJournal());

        assertThat(outcome.result()).isEqualTo("Both saw hills.");
        assertThat(provider.lastRequest().body().at("/messages/1/content").asText()).contains("## east", "## west", "seen: hills");
    }

    @Test
    void hierarchical_manager_delegates_subtasks_and_answers_with_their_results() throws Exception {
        TeamDefinition team = team("""
                name: org
                process: hierarchical
                agents:
                  - {name: boss, system_prompt: You manage.}
                  - {name: worker, system_prompt: You work.}
                """);
        provider.toolCalls(null, 10, 1, new Call("m1", "delegate", "{\"agent\": \"worker\", \"subtask\": \"count to 3\"}"))
                .completion("1 2 3", 10, 1)
                .completion("The worker counted: 1 2 3", 10, 1);

        RunOutcome outcome = run(team, "count", new MemoryJournal());

        assertThat(outcome.result()).isEqualTo("The worker counted: 1 2 3");
        assertThat(provider.received().get(1).body().at("/messages/1/content").asText()).contains("Subtask from boss: count to 3");
        assertThat(provider.lastRequest().body().at("/messages/3/content").asText()).isEqualTo("1 2 3");
    }
}
