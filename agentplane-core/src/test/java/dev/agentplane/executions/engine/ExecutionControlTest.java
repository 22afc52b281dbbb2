package dev.agentplane.executions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.executions.DeadLetter;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionStep;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.state.PutStateRequest;
import dev.agentplane.state.StateCondition;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.workflows.WorkflowFormat;
import java.time.Duration;
import java.util.UUID;

/** Pause and resume, retry from the failed step, replay, the dead-letter list and execution timeouts. */
class ExecutionControlTest {

    private static String workflow(TestPlane t, String yaml) {
        String name = "ctl-" + UUID.randomUUID().toString().substring(0, 8);
        t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, "name: " + name + "\n" + yaml);
        return name;
    }

    private static Execution run(TestPlane t, String workflow) {
        Execution started = t.plane().executions().start(t.actor(), new StartExecution(workflow, null, null, null));
        return settle(t, started);
    }

    private static Execution settle(TestPlane t, Execution execution) {
        t.plane().engine().runUntilIdle();
        return t.plane().executions().get(t.actor(), execution.id());
    }

    @AcrossDatabases
    void a_paused_execution_runs_no_steps_until_resumed(TestPlane t) {
        String name = workflow(t, "steps: [{id: nap, type: sleep, duration: 1m}, {id: after, type: set, values: {ok: true}}]\n");
        Execution execution = run(t, name);

        Execution paused = t.plane().executions().pause(t.actor(), execution.id());
        t.clock().advance(Duration.ofMinutes(2));
        assertThat(settle(t, paused).status()).isEqualTo(Execution.PAUSED);
        assertThat(t.plane().executions().steps(t.actor(), execution.id())).extracting(ExecutionStep::stepId).containsExactly("nap");
        assertThatThrownBy(() -> t.plane().executions().pause(t.actor(), execution.id())).isInstanceOf(ConflictException.class);

        t.plane().executions().resume(t.actor(), execution.id());

        assertThat(settle(t, execution).status()).isEqualTo(Execution.COMPLETED);
        assertThatThrownBy(() -> t.plane().executions().resume(t.actor(), execution.id())).isInstanceOf(ConflictException.class);
    }

    @AcrossDatabases
    void a_failed_execution_is_a_dead_letter_until_retried_from_the_failed_step(TestPlane t) {
        String name = workflow(t, """
                steps:
                  - {id: first, type: tool, tool: core.echo, with: {n: 1}}
                  - id: check
                    type: if
                    condition: "true"
                    then:
                      - {id: flag, type: state.get, namespace: ctl, key: flag}
                      - {id: missing, type: fail, when: "!steps.flag.output.found", message: "flag not set"}
                      - {id: ok, type: set, values: {v: 1}}
                """);
        Execution failed = run(t, name);
        assertThat(failed.status()).isEqualTo(Execution.FAILED);

        DeadLetter letter = t.plane().executions().deadLetters(t.actor(), PageRequest.first(10)).items().stream()
                .filter(d -> d.execution().id().equals(failed.id())).findFirst().orElseThrow();
        assertThat(letter.failedStep().stepId()).isEqualTo("missing");
        assertThat(letter.failedStep().errorCode()).isEqualTo("fail");

        t.plane().state().put(t.actor(), "ctl", "flag", new PutStateRequest(com.fasterxml.jackson.databind.node.BooleanNode.TRUE, null),
                new StateCondition.Always());
        t.plane().executions().retry(t.actor(), failed.id());
        Execution retried = settle(t, failed);

        assertThat(retried.status()).isEqualTo(Execution.COMPLETED);
        assertThat(retried.error()).isNull();
        // The step before the failed one kept its result; the failed top-level step (the if) ran again.
        assertThat(t.plane().executions().steps(t.actor(), failed.id())).extracting(s -> s.stepId() + ":" + s.status())
                .containsExactly("first:completed", "check:failed", "flag:completed", "missing:failed", "check:completed",
                        "flag:completed", "missing:skipped", "ok:completed");
        assertThat(t.plane().executions().deadLetters(t.actor(), PageRequest.first(10)).items())
                .noneMatch(d -> d.execution().id().equals(failed.id()));
        assertThatThrownBy(() -> t.plane().executions().retry(t.actor(), failed.id())).isInstanceOf(ConflictException.class);
    }

    @AcrossDatabases
    void replay_starts_a_new_execution_with_the_same_input(TestPlane t) {
        String name = workflow(t, "inputs: {n: integer}\nsteps: [{id: boom, type: fail, message: \"n=${{ inputs.n }}\"}]\n");
        Execution failed = settle(t, t.plane().executions().start(t.actor(), new StartExecution(name, null, null,
                dev.agentplane.common.Json.object().put("n", 5))));

        Execution replayed = settle(t, t.plane().executions().replay(t.actor(), failed.id()));

        assertThat(replayed.id()).isNotEqualTo(failed.id());
        assertThat(replayed.input().get("n").asInt()).isEqualTo(5);
        assertThat(replayed.error()).isEqualTo("step 'boom' failed: n=5");
    }

    @AcrossDatabases
    void an_execution_past_its_timeout_fails(TestPlane t) {
        String name = workflow(t, "timeout: 10m\nsteps: [{id: nap, type: sleep, duration: 1h}]\n");
        Execution execution = run(t, name);

        t.clock().advance(Duration.ofMinutes(11));
        t.plane().engine().failOverdue();

        Execution timedOut = t.plane().executions().get(t.actor(), execution.id());
        assertThat(timedOut.status()).isEqualTo(Execution.FAILED);
        assertThat(timedOut.error()).isEqualTo("the execution ran past its timeout");
        assertThat(t.plane().executions().steps(t.actor(), execution.id())).extracting(ExecutionStep::status).containsExactly("cancelled");
    }
}
