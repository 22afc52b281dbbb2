package dev.agentplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `agentplane test`: exit codes, the trace, mocks, decisions, and time that jumps instead of waiting. */
class TestCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private CliRun test(Path workflow, String... flags) {
        String[] args = new String[flags.length + 2];
        args[0] = "test";
        args[1] = workflow.toString();
        System.arraycopy(flags, 0, args, 2, flags.length);
        return CliRun.of(args);
    }

    @Test
    void a_completed_execution_exits_0_with_its_trace_and_output() throws IOException {
        Path workflow = file("flow.yaml", """
                name: flow
                inputs: {n: {type: integer, default: 2}}
                outputs: {square: "${{ steps.twice.output.v }}"}
                steps:
                  - {id: echo, type: tool, tool: core.echo, with: {v: "${{ inputs.n }}"}}
                  - id: each
                    type: foreach
                    items: [1, 2]
                    steps: [{id: inner, type: set, values: {i: "${{ item }}"}}]
                  - {id: twice, type: set, values: {v: "${{ steps.echo.output.v * inputs.n }}"}}
                """);

        CliRun run = test(workflow, "--input", "{\"n\": 3}");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("workflow flow (version 1)", "input {\"n\":3}")
                .containsPattern("\\n  echo +completed +1 .*\\{\"v\":3}")
                .containsPattern("\\n  each\\[1]/inner +completed")
                .contains("\ncompleted\noutput {\"square\":9}");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void a_definition_the_server_would_refuse_exits_2_with_each_problems_pointer_and_line() throws IOException {
        Path broken = file("broken.yaml", """
                name: broken
                steps:
                  - id: a
                    type: tool
                  - {id: b, type: set, values: {x: "${{ inputs.y + }}"}}
                """);

        CliRun run = test(broken);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("broken.yaml: the test cannot run:", "/steps/0/tool: is required (line 3); fix: name the tool",
                "/steps/1/values/x: `inputs.y +`: syntax error");
        assertThat(test(dir.resolve("missing.yaml")).err()).contains("missing.yaml: there is no such file");
    }

    @Test
    void flags_and_inputs_that_cannot_work_exit_2_saying_what_to_change() throws IOException {
        Path workflow = file("flow.yaml", """
                name: flow
                inputs: {n: {type: integer, required: true}}
                steps:
                  - {id: ask, type: approval, reason: "ok?"}
                  - {id: echo, type: tool, tool: core.echo}
                """);
        Path output = file("out.json", "{\"v\": 1}");
        Path noMessage = file("fail.json", "{\"fail\": {\"code\": \"x\"}}");
        String input = "{\"n\": 1}";

        assertThat(test(workflow, "--input", "{nope").err()).contains("--input: is not JSON");
        assertThat(test(workflow, "--input", input, "--input-file", output.toString()).err())
                .contains("--input and --input-file are both given");
        assertThat(test(workflow, "--input", "{\"n\": \"one\"}").err()).contains("/input/n: is a string");
        assertThat(test(workflow, "--input", input, "--mock", "nope=" + output).err())
                .contains("--mock nope: the workflow has no step 'nope'; fix: the workflow's steps are [ask, echo]");
        assertThat(test(workflow, "--input", input, "--mock", "echo=" + dir.resolve("none.json")).err())
                .contains("there is no such file");
        assertThat(test(workflow, "--input", input, "--mock", "echo=" + noMessage).err()).contains("fail needs a message");
        assertThat(test(workflow, "--input", input, "--approve", "echo={}").err()).contains("step 'echo' is a tool step, not an approval");
        assertThat(test(workflow, "--input", input, "--approve", "ask=yes").err()).contains("--approve ask: is not JSON");
        assertThat(test(workflow, "--input", input, "--output", "xml").exitCode()).isEqualTo(2);
        assertThat(test(workflow, "--input", input, "--approve", "ask={}", "--reject", "ask=no").exitCode()).isEqualTo(2);
    }

    @Test
    void a_step_that_waits_for_something_no_flag_answers_stops_the_run_with_exit_2_naming_the_flag() throws IOException {
        Path approval = file("approval.yaml", "name: a\nsteps: [{id: ask, type: approval, reason: \"ok?\"}]\n");
        Path task = file("task.yaml", "name: t\nsteps: [{id: translate, type: task, capability: translation}]\n");

        CliRun undecided = test(approval);
        CliRun unanswered = test(task);

        assertThat(undecided.exitCode()).isEqualTo(2);
        assertThat(undecided.out()).containsPattern("\\n  ask +waiting").contains("blocked:", "step ask: the approval waits for a person's decision",
                "--approve ask='{...}'", "--reject ask='<reason>'");
        assertThat(unanswered.exitCode()).isEqualTo(2);
        assertThat(unanswered.out()).contains("the task waits for an agent with capability 'translation'",
                "--mock translate=<file.json>");
    }

    @Test
    void approve_resolves_and_reject_dismisses_the_escalation_as_a_person_would() throws IOException {
        Path workflow = file("flow.yaml", """
                name: flow
                steps:
                  - {id: ask, type: approval, reason: "ok?", on_reject: {goto: refused}}
                  - {id: accepted, type: set, values: {by: "${{ steps.ask.output.resolved_by }}", note: "${{ steps.ask.output.resolution.note }}"}}
                  - {id: refused, type: set, when: "steps.ask.status == 'failed'", values: {why: "${{ steps.ask.error.message }}"}}
                """);

        CliRun approved = test(workflow, "--approve", "ask={\"note\": \"fine\"}");
        CliRun rejected = test(workflow, "--reject", "ask=too expensive");

        assertThat(approved.exitCode()).isZero();
        assertThat(approved.out()).contains("{\"by\":\"agentplane test\",\"note\":\"fine\"}");
        assertThat(rejected.exitCode()).isZero();
        assertThat(rejected.out()).contains("approval.rejected: the approval was dismissed: too expensive",
                "{\"why\":\"the approval was dismissed: too expensive\"}");
    }

    @Test
    void a_mock_replaces_its_step_and_a_failing_mock_fails_every_attempt_through_the_retry_policy() throws IOException {
        Path workflow = file("flow.yaml", """
                name: flow
                steps:
                  - {id: ask_agent, type: task, capability: summarize}
                  - id: call
                    type: tool
                    tool: core.echo
                    retry: {max_attempts: 3, initial_interval: 10m}
                """);
        Path answer = file("answer.json", "{\"summary\": \"short\"}");
        Path outage = file("outage.json", "{\"fail\": {\"message\": \"service down\", \"code\": \"http.503\", \"retryable\": true}}");

        CliRun run = test(workflow, "--mock", "ask_agent=" + answer, "--mock", "call=" + outage);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("\\n  ask_agent +completed +1 .*\\(mock\\) \\{\"summary\":\"short\"}")
                .containsPattern("\\n  call +failed +3 .*\\(mock\\) http.503: service down")
                .contains("try 1 failed: service down; tried again after", "try 2 failed: service down")
                .contains("\nfailed (the clock jumped ").contains("step 'call' failed: service down");
    }

    @Test
    void sleeps_and_backoffs_jump_the_clock_instead_of_waiting() throws IOException {
        Path workflow = file("flow.yaml", """
                name: flow
                steps:
                  - {id: nap, type: sleep, duration: 2h}
                  - {id: until, type: wait_until, until: "${{ timestamp(steps.nap.output.woke_at) + duration('24h') }}"}
                  - {id: flaky, type: tool, tool: core.fail, with: {message: down}, retry: {max_attempts: 2, initial_interval: 1h}, on_error: continue}
                """);

        CliRun run = test(workflow, "--output", "json");

        JsonNode report = Json.parse(run.out());
        assertThat(run.exitCode()).isZero();
        assertThat(report.get("status").asText()).isEqualTo("completed");
        assertThat(report.get("skipped_millis").asLong()).isGreaterThanOrEqualTo(26L * 3600 * 1000);
        assertThat(report.at("/steps/2/retries/0/error").asText()).isEqualTo("down");
        assertThat(report.at("/output/flaky/error/message").asText()).isEqualTo("down");
    }

    @Test
    void json_output_carries_the_report_and_the_exit_code_for_ci() throws IOException {
        Path workflow = file("flow.json", "{\"name\": \"flow\", \"steps\": [{\"id\": \"read\", \"type\": \"agent\", "
                + "\"team\": \"readers\", \"task\": \"read it\"}]}");

        CliRun failed = test(workflow, "--output", "json");
        CliRun invalid = test(workflow, "--output", "json", "--input", "[");

        JsonNode report = Json.parse(failed.out());
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(report.get("exit_code").asInt()).isEqualTo(1);
        assertThat(report.get("workflow").asText()).isEqualTo("flow");
        assertThat(report.at("/steps/0/error_code").asText()).isEqualTo("step.unsupported");
        assertThat(report.at("/steps/0/hint").asText()).startsWith("replace it with --mock read=<file.json>");
        JsonNode problems = Json.parse(invalid.out());
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(problems.get("status").asText()).isEqualTo("invalid");
        assertThat(problems.at("/problems/0/detail").asText()).startsWith("--input: is not JSON");
    }
}
