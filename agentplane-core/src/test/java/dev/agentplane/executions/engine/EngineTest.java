package dev.agentplane.executions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.executions.CancelExecution;
import dev.agentplane.executions.CompleteExecution;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionStep;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.workflows.WorkflowFormat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

class EngineTest {

    private static String workflow(TestPlane t, String yaml) {
        String name = "wf-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, "name: " + name + "\n" + yaml);
        return name;
    }

    private static Execution run(TestPlane t, String workflow, JsonNode input) {
        Execution started = t.plane().executions().start(t.actor(), new StartExecution(workflow, null, null, input));
        t.plane().engine().runUntilIdle();
        return t.plane().executions().get(t.actor(), started.id());
    }

    private static Execution reload(TestPlane t, Execution execution) {
        return t.plane().executions().get(t.actor(), execution.id());
    }

    private static List<ExecutionStep> steps(TestPlane t, Execution execution) {
        return t.plane().executions().steps(t.actor(), execution.id());
    }

    @AcrossDatabases
    void a_worker_goes_on_with_the_next_steps_of_the_execution_it_advanced(TestPlane t) {
        String name = workflow(t, """
                steps:
                  - {id: a, type: set, values: {n: 1}}
                  - {id: b, type: set, values: {n: "${{ steps.a.output.n + 1 }}"}}
                  - {id: c, type: set, values: {n: "${{ steps.b.output.n + 1 }}"}}
                """);
        Execution started = t.plane().executions().start(t.actor(), new StartExecution(name, null, null, Json.object()));

        // One claim of "a": recording each step claims the next for the same worker, which runs it at once.
        int ran = t.plane().engine().runUntilIdle();

        assertThat(ran).isEqualTo(3);
        Execution done = reload(t, started);
        assertThat(done.status()).isEqualTo(Execution.COMPLETED);
        assertThat(done.output().get("c").get("n").asInt()).isEqualTo(3);
        assertThat(steps(t, done)).extracting(ExecutionStep::status).containsOnly("completed");
    }

    @AcrossDatabases
    void a_worker_going_on_sees_the_earlier_outputs_exactly_as_a_fresh_read_gives_them(TestPlane t) {
        // PostgreSQL's jsonb stores an object's keys in its own order: the next step must see that order, not the
        // order the step produced, or writing the object into a string would depend on which worker ran the step.
        String name = workflow(t, """
                steps:
                  - {id: a, type: set, values: {zeta: 1, a: {yy: true, x: "s"}}}
                  - {id: b, type: set, when: "${{ false }}", values: {never: true}}
                  - {id: c, type: set, values: {text: "a was ${{ steps.a.output }}, b ${{ steps.b.status }}"}}
                """);
        Execution started = t.plane().executions().start(t.actor(), new StartExecution(name, null, null, Json.object()));

        assertThat(t.plane().engine().runUntilIdle()).isEqualTo(3);

        Execution done = reload(t, started);
        JsonNode storedA = steps(t, done).stream().filter(step -> step.stepId().equals("a")).findFirst().orElseThrow().output();
        assertThat(done.output().get("c").get("text").asText()).isEqualTo("a was " + Json.write(storedA) + ", b skipped");
    }

    @AcrossDatabases
    void a_pause_while_a_step_runs_leaves_the_next_step_pending_for_the_resume(TestPlane t) {
        String name = workflow(t, """
                steps:
                  - {id: a, type: set, values: {n: 1}}
                  - {id: b, type: set, values: {n: "${{ steps.a.output.n + 1 }}"}}
                  - {id: c, type: set, values: {n: "${{ steps.b.output.n + 1 }}"}}
                """);
        Execution started = t.plane().executions().start(t.actor(), new StartExecution(name, null, null, Json.object()));
        Engine engine = t.plane().engine();
        engine.overrideSteps((execution, step) -> {
            if (step.id().equals("a")) {
                t.plane().executions().pause(t.actor(), execution.id()); // while "a" runs: its worker holds it
            }
            return Optional.empty();
        });

        assertThat(engine.runUntilIdle()).isEqualTo(1);
        assertThat(steps(t, reload(t, started))).extracting(ExecutionStep::stepId, ExecutionStep::status)
                .containsExactly(tuple("a", "completed"), tuple("b", "pending"));

        engine.overrideSteps(StepOverrides.NONE);
        t.plane().executions().resume(t.actor(), started.id());
        assertThat(engine.runUntilIdle()).isEqualTo(2);
        Execution done = reload(t, started);
        assertThat(done.status()).isEqualTo(Execution.COMPLETED);
        assertThat(done.output().get("c").get("n").asInt()).isEqualTo(3);
    }

    @AcrossDatabases
    void a_run_claimed_just_before_a_pause_goes_back_to_the_queue_and_runs_as_soon_as_the_execution_resumes(TestPlane t) {
        String name = workflow(t, "steps: [{id: only, type: set, values: {ok: true}}]\n");
        Execution started = t.plane().executions().start(t.actor(), new StartExecution(name, null, null, Json.object()));
        Engine engine = t.plane().engine();
        List<StepRun> claimed = engine.claim(1);
        t.plane().executions().pause(t.actor(), started.id());

        assertThat(engine.process(claimed.get(0))).isEqualTo(1);
        t.plane().executions().resume(t.actor(), started.id());

        // No clock advance: the run was released, not left to its lease.
        assertThat(engine.runUntilIdle()).isEqualTo(1);
        assertThat(reload(t, started).status()).isEqualTo(Execution.COMPLETED);
    }

    @AcrossDatabases
    void steps_run_in_order_and_later_steps_see_earlier_outputs(TestPlane t) {
        String name = workflow(t, """
                inputs: {who: {type: string, required: true}, times: {type: integer, default: 2}}
                outputs: {greeting: "${{ steps.shout.output.text }}", times: "${{ inputs.times }}"}
                steps:
                  - {id: greet, type: tool, tool: core.echo, with: {text: "hello ${{ inputs.who }}"}}
                  - {id: shout, type: set, values: {text: "${{ steps.greet.output.text.upperAscii() }}!"}}
                """);

        Execution done = run(t, name, Json.object().put("who", "ada"));

        assertThat(done.status()).isEqualTo(Execution.COMPLETED);
        assertThat(done.output()).isEqualTo(Json.object().put("greeting", "HELLO ADA!").put("times", 2));
        assertThat(done.input().get("times").asInt()).isEqualTo(2);
        assertThat(steps(t, done)).extracting(ExecutionStep::stepId, ExecutionStep::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("greet", "completed"),
                        org.assertj.core.groups.Tuple.tuple("shout", "completed"));
        assertThat(t.plane().events().list(t.actor(), done.id(), dev.agentplane.common.PageRequest.first(50)).items())
                .extracting(e -> e.type()).containsExactly("execution.started", "step.completed", "step.completed",
                        "execution.completed");
    }

    @AcrossDatabases
    void inputs_are_checked_against_the_declaration(TestPlane t) {
        String name = workflow(t, """
                inputs: {amount: {type: number, required: true}}
                steps: [{id: a, type: tool, tool: core.echo}]
                """);

        assertThatThrownBy(() -> run(t, name, Json.object())).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(err -> err.pointer()).containsExactly("/input/amount"));
        assertThatThrownBy(() -> run(t, name, Json.object().put("amount", "ten").put("amout", 1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(err -> err.pointer()).containsExactlyInAnyOrder("/input/amount", "/input/amout"));
    }

    @AcrossDatabases
    void a_failing_step_is_retried_with_backoff_then_fails_the_execution(TestPlane t) {
        String name = workflow(t, """
                steps:
                  - id: flaky
                    type: tool
                    tool: core.fail
                    with: {message: "upstream down"}
                    retry: {max_attempts: 3, initial_interval: 10s, max_interval: 1m}
                  - {id: never, type: tool, tool: core.echo}
                """);

        Execution execution = run(t, name, null);
        ExecutionStep first = steps(t, execution).get(0);
        assertThat(first.status()).isEqualTo("pending");
        assertThat(first.attempt()).isEqualTo(2);
        assertThat(first.dueAt()).isAfter(t.clock().instant()).isBeforeOrEqualTo(t.clock().instant().plusSeconds(10));
        t.clock().advance(Duration.ofSeconds(10));
        t.plane().engine().runUntilIdle();
        t.clock().advance(Duration.ofSeconds(20));
        t.plane().engine().runUntilIdle();

        Execution failed = reload(t, execution);
        assertThat(failed.status()).isEqualTo(Execution.FAILED);
        assertThat(failed.error()).isEqualTo("step 'flaky' failed: upstream down");
        assertThat(steps(t, failed)).singleElement().satisfies(step -> {
            assertThat(step.attempt()).isEqualTo(3);
            assertThat(step.errorCode()).isEqualTo("core.fail");
        });
    }

    @AcrossDatabases
    void on_error_continue_and_goto_keep_the_execution_going(TestPlane t) {
        String name = workflow(t, """
                steps:
                  - {id: optional, type: tool, tool: core.fail, with: {message: meh}, on_error: continue}
                  - {id: risky, type: tool, tool: core.fail, with: {message: boom, retryable: false}, on_error: {goto: cleanup}}
                  - {id: skipped_over, type: tool, tool: core.echo}
                  - {id: cleanup, type: set, values: {saw: "${{ steps.optional.output.error.message }}"}}
                """);

        Execution done = run(t, name, null);

        assertThat(done.status()).isEqualTo(Execution.COMPLETED);
        assertThat(steps(t, done)).extracting(ExecutionStep::stepId).containsExactly("optional", "risky", "cleanup");
        assertThat(done.output().at("/cleanup/saw").asText()).isEqualTo("meh");
    }

    @AcrossDatabases
    void a_failure_inside_a_container_fails_the_container_which_may_continue(TestPlane t) {
        String tolerant = workflow(t, """
                steps:
                  - id: each
                    type: foreach
                    items: [1, 2]
                    on_error: continue
                    steps: [{id: boom, type: fail, message: "item ${{ item }} is bad"}]
                  - {id: after, type: set, values: {saw: "${{ steps.each.output.error.message }}"}}
                """);
        String strict = workflow(t, """
                steps:
                  - id: branchy
                    type: parallel
                    branches:
                      - {name: ok, steps: [{id: nap, type: sleep, duration: 1h}]}
                      - {name: bad, steps: [{id: boom, type: fail, message: nope}]}
                  - {id: never, type: set, values: {}}
                """);

        Execution continued = run(t, tolerant, null);
        Execution failed = run(t, strict, null);

        assertThat(continued.status()).isEqualTo(Execution.COMPLETED);
        assertThat(continued.output().at("/after/saw").asText()).startsWith("step 'boom' failed: item ");
        assertThat(failed.status()).isEqualTo(Execution.FAILED);
        assertThat(failed.error()).isEqualTo("step 'branchy' failed: step 'boom' failed: nope");
        assertThat(steps(t, failed)).filteredOn(s -> s.stepId().equals("nap")).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo("cancelled"));
    }

    @AcrossDatabases
    void if_switch_and_when_choose_what_runs(TestPlane t) {
        String name = workflow(t, """
                inputs: {amount: number, kind: string}
                steps:
                  - id: size
                    type: if
                    condition: "inputs.amount > 100"
                    then: [{id: big, type: set, values: {size: big}}]
                    else: [{id: small, type: set, values: {size: small}}]
                  - id: route
                    type: switch
                    value: inputs.kind
                    cases: {refund: [{id: refund, type: set, values: {queue: refunds}}]}
                    default: [{id: other, type: set, values: {queue: general}}]
                  - {id: audit, type: set, when: "inputs.amount > 1000", values: {flag: true}}
                """);

        Execution big = run(t, name, Json.object().put("amount", 500).put("kind", "refund"));
        Execution small = run(t, name, Json.object().put("amount", 5).put("kind", "invoice"));

        assertThat(big.output().at("/size/size").asText()).isEqualTo("big");
        assertThat(big.output().at("/route/queue").asText()).isEqualTo("refunds");
        assertThat(small.output().at("/size/size").asText()).isEqualTo("small");
        assertThat(small.output().at("/route/queue").asText()).isEqualTo("general");
        assertThat(steps(t, small)).filteredOn(s -> s.stepId().equals("audit")).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo("skipped"));
    }

    @AcrossDatabases
    void parallel_joins_all_branches_or_the_first_to_finish(TestPlane t) {
        String all = workflow(t, """
                steps:
                  - id: fan
                    type: parallel
                    branches:
                      - {name: a, steps: [{id: a1, type: set, values: {v: 1}}, {id: a2, type: set, values: {v: 2}}]}
                      - {name: b, steps: [{id: b1, type: set, values: {v: 3}}]}
                """);
        String first = workflow(t, """
                steps:
                  - id: race
                    type: parallel
                    join: first
                    branches:
                      - {name: slow, steps: [{id: nap, type: sleep, duration: 1h}, {id: late, type: set, values: {v: 0}}]}
                      - {name: fast, steps: [{id: quick, type: set, values: {v: 9}}]}
                """);

        Execution joined = run(t, all, null);
        Execution raced = run(t, first, null);

        assertThat(joined.output().get("fan")).isEqualTo(Json.object().<com.fasterxml.jackson.databind.node.ObjectNode>set("a",
                Json.object().put("v", 2)).set("b", Json.object().put("v", 3)));
        assertThat(raced.status()).isEqualTo(Execution.COMPLETED);
        assertThat(raced.output().at("/race/branch").asText()).isEqualTo("fast");
        assertThat(steps(t, raced)).filteredOn(s -> s.stepId().equals("nap")).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo("cancelled"));
    }

    @AcrossDatabases
    void foreach_runs_each_item_with_its_index_within_the_concurrency_limit(TestPlane t) {
        String name = workflow(t, """
                inputs: {files: array}
                steps:
                  - id: each
                    type: foreach
                    items: "${{ inputs.files }}"
                    concurrency: 2
                    steps:
                      - {id: read, type: tool, tool: core.echo, with: {file: "${{ item }}", n: "${{ index }}"}}
                      - {id: tag, type: set, values: {tagged: "${{ steps.read.output.file + '#' + string(steps.read.output.n) }}"}}
                """);

        Execution done = run(t, name, Json.object().set("files", Json.MAPPER.valueToTree(List.of("a", "b", "c", "d", "e"))));

        assertThat(done.status()).isEqualTo(Execution.COMPLETED);
        assertThat(done.output().get("each")).extracting(n -> n.get("tagged").asText())
                .containsExactly("a#0", "b#1", "c#2", "d#3", "e#4");
        assertThat(steps(t, done)).filteredOn(s -> s.stepId().equals("read")).extracting(ExecutionStep::scope)
                .containsExactlyInAnyOrder("each[0]/", "each[1]/", "each[2]/", "each[3]/", "each[4]/");
    }

    @AcrossDatabases
    void a_sleep_waits_for_the_clock_and_cancel_stops_it(TestPlane t) {
        String name = workflow(t, """
                steps:
                  - {id: nap, type: sleep, duration: 5m}
                  - {id: after, type: set, values: {ok: true}}
                """);

        Execution sleeping = run(t, name, null);
        assertThat(sleeping.status()).isEqualTo(Execution.RUNNING);
        t.clock().advance(Duration.ofMinutes(5));
        t.plane().engine().runUntilIdle();
        assertThat(reload(t, sleeping).status()).isEqualTo(Execution.COMPLETED);

        Execution other = run(t, name, null);
        Execution cancelled = t.plane().executions().cancel(t.actor(), other.id(), new CancelExecution("not needed"));
        t.clock().advance(Duration.ofMinutes(5));
        t.plane().engine().runUntilIdle();
        assertThat(reload(t, cancelled).status()).isEqualTo(Execution.CANCELLED);
        assertThat(steps(t, cancelled)).extracting(ExecutionStep::status).containsExactly("cancelled");
    }

    @AcrossDatabases
    void an_execution_completed_from_outside_stops_its_steps(TestPlane t) {
        String name = workflow(t, "steps: [{id: wait, type: sleep, duration: 1h}, {id: next, type: tool, tool: core.echo}]\n");
        Execution running = run(t, name, null);

        t.plane().executions().complete(t.actor(), running.id(), CompleteExecution.empty());
        t.clock().advance(Duration.ofHours(2));
        t.plane().engine().runUntilIdle();

        assertThat(steps(t, running)).extracting(ExecutionStep::stepId, ExecutionStep::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("wait", "cancelled"));
    }

    @AcrossDatabases
    void the_same_idempotency_key_returns_the_same_execution(TestPlane t) {
        String name = workflow(t, "steps: [{id: a, type: tool, tool: core.echo}]\n");

        var first = t.plane().executions().start(t.actor(), new StartExecution(name, null, null, null), "order-42");
        var again = t.plane().executions().start(t.actor(), new StartExecution(name, null, null, null), "order-42");

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.execution().id()).isEqualTo(first.execution().id());
    }

    @AcrossDatabases
    void a_run_whose_worker_died_is_taken_over_after_its_lease_expires(TestPlane t) {
        String name = workflow(t, "steps: [{id: a, type: tool, tool: core.echo, with: {x: 1}}]\n");
        Execution execution = t.plane().executions().start(t.actor(), new StartExecution(name, null, null, null));
        Engine deadNode = t.plane().engine();
        List<StepRun> taken = deadNode.claim(1);
        assertThat(taken).hasSize(1);

        t.plane().engine().runUntilIdle();
        assertThat(reload(t, execution).status()).isEqualTo(Execution.RUNNING);
        t.clock().advance(EngineSettings.defaults().lease().plusSeconds(1));
        deadNode.recoverExpiredLeases();
        t.plane().engine().runUntilIdle();

        assertThat(reload(t, execution).status()).isEqualTo(Execution.COMPLETED);
        assertThat(deadNode.record(taken.get(0), new Outcome.Done(Json.object()))).isFalse();
    }

    @AcrossDatabases
    void a_run_this_node_claims_again_after_losing_its_lease_stays_renewed_when_the_stalled_attempt_ends(TestPlane t) {
        String name = workflow(t, "steps: [{id: a, type: tool, tool: core.echo, with: {x: 1}}]\n");
        Execution execution = t.plane().executions().start(t.actor(), new StartExecution(name, null, null, null));
        Engine node = t.plane().engine();
        Duration lease = EngineSettings.defaults().lease();
        StepRun stalled = node.claim(1).get(0);
        t.clock().advance(lease.plusSeconds(1));
        node.recoverExpiredLeases();
        StepRun retaken = node.claim(1).get(0);

        node.process(stalled); // the stalled worker wakes up and ends; its result is dropped
        t.clock().advance(lease.dividedBy(2));
        node.renewLeases();
        t.clock().advance(lease.dividedBy(2).plusSeconds(1));
        node.recoverExpiredLeases();

        assertThat(retaken.id()).isEqualTo(stalled.id());
        assertThat(node.record(retaken, new Outcome.Done(Json.object()))).as("the newer claim still holds the run").isTrue();
        assertThat(reload(t, execution).status()).isEqualTo(Execution.COMPLETED);
    }
}
