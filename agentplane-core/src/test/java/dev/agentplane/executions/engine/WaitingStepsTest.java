package dev.agentplane.executions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.agents.AgentFields;
import dev.agentplane.common.Json;
import dev.agentplane.common.PageRequest;
import dev.agentplane.escalations.DismissEscalation;
import dev.agentplane.escalations.Escalation;
import dev.agentplane.escalations.EscalationFilter;
import dev.agentplane.escalations.ResolveEscalation;
import dev.agentplane.executions.CancelExecution;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionStep;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.handoffs.AcceptHandoff;
import dev.agentplane.handoffs.CompleteHandoff;
import dev.agentplane.handoffs.Handoff;
import dev.agentplane.handoffs.HandoffFilter;
import dev.agentplane.handoffs.RejectHandoff;
import dev.agentplane.tasks.ClaimTask;
import dev.agentplane.tasks.Task;
import dev.agentplane.tasks.TaskFilter;
import dev.agentplane.tasks.TaskResult;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.Role;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.workflows.WorkflowFormat;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

class WaitingStepsTest {

    private static String workflow(TestPlane t, String yaml) {
        String name = "wait-" + UUID.randomUUID().toString().substring(0, 8);
        t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, "name: " + name + "\n" + yaml);
        return name;
    }

    private static Execution start(TestPlane t, String workflow, String agentId, JsonNode input) {
        Execution started = t.plane().executions().start(t.actor(), new StartExecution(workflow, null, agentId, input));
        t.plane().engine().runUntilIdle();
        return started;
    }

    private static Execution settle(TestPlane t, Execution execution) {
        t.plane().engine().runUntilIdle();
        return t.plane().executions().get(t.actor(), execution.id());
    }

    private static String agent(TestPlane t, String... capabilities) {
        return t.plane().agents().register(t.actor(), new AgentFields("agent-" + UUID.randomUUID().toString().substring(0, 8),
                null, null, List.of(capabilities), null)).id();
    }

    private static Escalation escalationOf(TestPlane t, Execution execution) {
        return t.plane().escalations().list(t.actor(), new EscalationFilter(null, null, null), PageRequest.first(50)).items()
                .stream().filter(e -> execution.id().equals(e.executionId())).findFirst().orElseThrow();
    }

    @AcrossDatabases
    void an_approval_waits_for_the_resolution_which_becomes_its_output(TestPlane t) {
        String name = workflow(t, """
                inputs: {amount: number}
                steps:
                  - {id: ask, type: approval, reason: "Refund ${{ inputs.amount }} EUR?", priority: high, context: {amount: "${{ inputs.amount }}"}}
                  - {id: after, type: set, values: {approved: "${{ steps.ask.output.resolution.ok }}"}}
                """);
        Execution execution = start(t, name, null, Json.object().put("amount", 250));

        Escalation escalation = escalationOf(t, execution);
        assertThat(escalation.reason()).isEqualTo("Refund 250 EUR?");
        assertThat(escalation.priority()).isEqualTo("high");
        assertThat(escalation.context().get("amount").asInt()).isEqualTo(250);
        assertThat(settle(t, execution).status()).isEqualTo(Execution.RUNNING);
        t.plane().escalations().resolve(t.actor(), escalation.id(), new ResolveEscalation(Json.object().put("ok", true), "alice"));

        Execution done = settle(t, execution);
        assertThat(done.status()).isEqualTo(Execution.COMPLETED);
        assertThat(done.output().at("/after/approved").asBoolean()).isTrue();
        assertThat(done.output().at("/ask/resolved_by").asText()).isEqualTo("alice");
    }

    @AcrossDatabases
    void a_dismissed_approval_follows_on_reject_and_an_unanswered_one_times_out(TestPlane t) {
        String tolerant = workflow(t, """
                steps:
                  - {id: ask, type: approval, reason: "ok?", on_reject: {goto: refused}}
                  - {id: accepted, type: set, values: {path: accepted}}
                  - {id: refused, type: set, values: {path: refused}}
                """);
        String patient = workflow(t, "steps: [{id: ask, type: approval, reason: \"ok?\", timeout: 1h}]\n");

        Execution dismissed = start(t, tolerant, null, null);
        t.plane().escalations().dismiss(t.actor(), escalationOf(t, dismissed).id(), new DismissEscalation("no budget"));
        Execution unanswered = start(t, patient, null, null);
        t.clock().advance(Duration.ofHours(1));

        assertThat(settle(t, dismissed).output().at("/refused/path").asText()).isEqualTo("refused");
        assertThat(t.plane().executions().steps(t.actor(), dismissed.id())).extracting(ExecutionStep::stepId)
                .containsExactly("ask", "refused");
        Execution timedOut = settle(t, unanswered);
        assertThat(timedOut.status()).isEqualTo(Execution.FAILED);
        assertThat(timedOut.error()).contains("step 'ask' failed: no decision on escalation");
    }

    @AcrossDatabases
    void a_handoff_step_waits_for_the_receiving_agent(TestPlane t) {
        String from = agent(t);
        String to = agent(t, "review");
        String name = workflow(t, """
                steps:
                  - {id: review, type: handoff, to_capability: review, reason: "please review", context: {doc: 7}}
                """);
        Execution completed = start(t, name, from, null);
        Execution rejected = start(t, name, from, null);
        List<Handoff> handoffs = t.plane().handoffs().list(t.actor(), new HandoffFilter(from, null, null, null, null), PageRequest.first(10)).items();
        Handoff first = handoffs.stream().filter(h -> h.executionId().equals(completed.id())).findFirst().orElseThrow();
        Handoff second = handoffs.stream().filter(h -> h.executionId().equals(rejected.id())).findFirst().orElseThrow();

        t.plane().handoffs().accept(t.actor(), first.id(), new AcceptHandoff(to));
        t.plane().handoffs().complete(t.actor(), first.id(), new CompleteHandoff(Json.object().put("verdict", "fine")));
        t.plane().handoffs().reject(t.actor(), second.id(), new RejectHandoff("busy"));

        Execution done = settle(t, completed);
        assertThat(done.output().at("/review/result/verdict").asText()).isEqualTo("fine");
        assertThat(done.output().at("/review/accepted_by").asText()).isEqualTo(to);
        assertThat(settle(t, rejected).error()).isEqualTo("step 'review' failed: the handoff was rejected: busy");
    }

    @AcrossDatabases
    void a_task_is_claimed_by_an_agent_with_the_capability_and_its_output_goes_on(TestPlane t) throws Exception {
        String worker = agent(t, "translate");
        Actor workerKey = new Actor(t.actor().orgId(), null, worker, Role.AGENT, null);
        String name = workflow(t, """
                steps:
                  - id: translate
                    type: task
                    capability: translate
                    input: {text: hello}
                    retry: {max_attempts: 2, initial_interval: 1s}
                """);
        Execution execution = start(t, name, null, null);

        Task claimed = t.plane().tasks().claim(workerKey, new ClaimTask(null, null, 0, null)).orElseThrow();
        assertThat(claimed.input().get("text").asText()).isEqualTo("hello");
        assertThat(t.plane().tasks().claim(workerKey, new ClaimTask(null, null, 0, null))).isEmpty();
        t.plane().tasks().fail(workerKey, claimed.id(), new TaskResult.Fail("dictionary offline", true));
        settle(t, execution);
        t.clock().advance(Duration.ofSeconds(1));
        settle(t, execution);
        Task second = t.plane().tasks().claim(workerKey, new ClaimTask(null, List.of("translate"), 0, 60)).orElseThrow();
        assertThat(second.attempt()).isEqualTo(2);
        t.plane().tasks().heartbeat(workerKey, second.id(), new TaskResult.Heartbeat(120));
        t.plane().tasks().complete(workerKey, second.id(), new TaskResult.Complete(Json.object().put("text", "bonjour")));

        Execution done = settle(t, execution);
        assertThat(done.status()).isEqualTo(Execution.COMPLETED);
        assertThat(done.output().at("/translate/text").asText()).isEqualTo("bonjour");
    }

    @AcrossDatabases
    void a_task_whose_claimer_stops_renewing_is_claimed_again_and_cancel_withdraws_it(TestPlane t) throws Exception {
        String worker = agent(t, "ocr");
        Actor workerKey = new Actor(t.actor().orgId(), null, worker, Role.AGENT, null);
        String name = workflow(t, "steps: [{id: read, type: task, capability: ocr}]\n");
        Execution execution = start(t, name, null, null);

        Task first = t.plane().tasks().claim(workerKey, new ClaimTask(null, null, 0, 30)).orElseThrow();
        t.clock().advance(Duration.ofSeconds(31));
        Task again = t.plane().tasks().claim(workerKey, new ClaimTask(null, null, 0, 30)).orElseThrow();
        t.plane().executions().cancel(t.actor(), execution.id(), new CancelExecution(null));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.claims()).isEqualTo(2);
        assertThat(t.plane().tasks().get(t.actor(), first.id()).status()).isEqualTo(Task.CANCELLED);
        assertThat(t.plane().tasks().list(t.actor(), new TaskFilter(Task.OPEN, "ocr", null), PageRequest.first(10)).items()).isEmpty();
    }

    @AcrossDatabases
    void a_sub_workflow_runs_as_its_own_execution_and_its_result_or_failure_comes_back(TestPlane t) {
        String child = workflow(t, """
                inputs: {n: integer}
                outputs: {square: "${{ inputs.n * inputs.n }}"}
                steps: [{id: noop, type: tool, tool: core.echo}]
                """);
        String failing = workflow(t, "steps: [{id: boom, type: fail, message: broken}]\n");
        String parent = workflow(t, """
                steps:
                  - {id: sub, type: workflow, workflow: %s, input: {n: 7}}
                  - {id: bad, type: workflow, workflow: %s, on_error: continue}
                """.formatted(child, failing));

        Execution done = start(t, parent, null, null);
        t.plane().engine().runUntilIdle();
        done = settle(t, done);

        assertThat(done.status()).isEqualTo(Execution.COMPLETED);
        assertThat(done.output().at("/sub/square").asInt()).isEqualTo(49);
        assertThat(done.output().at("/bad/error/message").asText()).startsWith("sub-workflow " + failing).endsWith("failed: step 'boom' failed: broken");
    }

    @AcrossDatabases
    void cancelling_a_parent_cancels_the_sub_workflow_it_waits_for(TestPlane t) {
        String slow = workflow(t, "steps: [{id: nap, type: sleep, duration: 1h}]\n");
        String parent = workflow(t, "steps: [{id: sub, type: workflow, workflow: %s}]\n".formatted(slow));
        Execution execution = start(t, parent, null, null);
        t.plane().engine().runUntilIdle();
        String childId = t.plane().executions().steps(t.actor(), execution.id()).get(0).stepId();

        t.plane().executions().cancel(t.actor(), execution.id(), new CancelExecution("stop"));

        List<Execution> children = t.plane().executions().list(t.actor(),
                new dev.agentplane.executions.ExecutionFilter(slow, null, null, null, null), PageRequest.first(5)).items();
        assertThat(children).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Execution.CANCELLED);
            assertThat(c.error()).contains(execution.id());
        });
        assertThat(childId).isEqualTo("sub");
    }
}
