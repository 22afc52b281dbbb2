package dev.agentplane.executions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.agents.AgentFields;
import dev.agentplane.common.Json;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.escalations.Escalation;
import dev.agentplane.escalations.EscalationFilter;
import dev.agentplane.escalations.NewEscalation;
import dev.agentplane.escalations.ResolveEscalation;
import dev.agentplane.executions.CancelExecution;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.FailExecution;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.handoffs.Handoff;
import dev.agentplane.handoffs.HandoffFilter;
import dev.agentplane.handoffs.NewHandoff;
import dev.agentplane.tasks.ClaimTask;
import dev.agentplane.tasks.Task;
import dev.agentplane.tasks.TaskFilter;
import dev.agentplane.tasks.TaskResult;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.Role;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.workflows.WorkflowFormat;
import java.util.List;
import java.util.UUID;

/**
 * The interleavings of a waiting step's worker with the rest of the world, driven one transaction at a time: the
 * worker claims the run, reads its execution running, opens what the step waits for (as {@link WaitingSteps} does),
 * and records the run's outcome; the tests put a cancel, or the awaited thing's end, between those.
 */
class WaitingStepRacesTest {

    @AcrossDatabases
    void a_task_opened_after_its_execution_was_cancelled_is_refused_and_none_is_left_to_claim(TestPlane t) throws Exception {
        Actor worker = agentKey(t, agent(t, "ocr"));
        Execution execution = startUnrun(t, "steps: [{id: read, type: task, capability: ocr}]\n", null);
        StepRun run = claimTheStepOf(t, execution);

        t.plane().executions().cancel(t.actor(), execution.id(), new CancelExecution("stop"));

        assertThatThrownBy(() -> t.plane().tasks().openForStep(t.actor().orgId(), run.id(), run.attempt(), execution.id(),
                "read", "ocr", null)).isInstanceOf(ConflictException.class).hasMessageContaining("is cancelled");
        assertThat(t.plane().engine().record(run, new Outcome.Failed("task.refused", "refused", false))).isFalse();
        assertThat(t.plane().tasks().list(t.actor(), new TaskFilter(null, null, execution.id()), PageRequest.first(10)).items()).isEmpty();
        assertThat(t.plane().tasks().claim(worker, new ClaimTask(null, null, 0, 30))).isEmpty();
    }

    @AcrossDatabases
    void an_approval_or_handoff_opened_after_its_execution_ended_is_refused(TestPlane t) {
        String from = agent(t);
        Execution approval = startUnrun(t, "steps: [{id: ask, type: approval, reason: \"ok?\"}]\n", null);
        Execution handoff = startUnrun(t, "steps: [{id: pass, type: handoff, to_capability: review}]\n", from);
        List<StepRun> claimed = t.plane().engine().claim(100);
        StepRun asking = claimed.stream().filter(run -> run.executionId().equals(approval.id())).findFirst().orElseThrow();
        StepRun passing = claimed.stream().filter(run -> run.executionId().equals(handoff.id())).findFirst().orElseThrow();

        t.plane().executions().cancel(t.actor(), approval.id(), new CancelExecution(null));
        t.plane().executions().fail(t.actor(), handoff.id(), new FailExecution("gave up", null, null, null, null));

        assertThatThrownBy(() -> t.plane().escalations().openForStep(t.actor().orgId(), asking.id(),
                new NewEscalation("ok?", null, null, null, approval.id(), null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("is cancelled");
        assertThatThrownBy(() -> t.plane().handoffs().openForStep(t.actor().orgId(), passing.id(),
                new NewHandoff(from, null, "review", null, null, handoff.id())))
                .isInstanceOf(ConflictException.class).hasMessageContaining("is failed");
        assertThat(t.plane().escalations().ofStepRun(t.actor(), asking.id())).isEmpty();
        assertThat(t.plane().handoffs().list(t.actor(), new HandoffFilter(from, null, null, null, null), PageRequest.first(10))
                .items()).isEmpty();
    }

    @AcrossDatabases
    void a_sub_workflow_started_after_its_parent_was_cancelled_is_refused(TestPlane t) {
        String child = workflow(t, "steps: [{id: nap, type: sleep, duration: 1h}]\n");
        Execution parent = startUnrun(t, "steps: [{id: sub, type: workflow, workflow: %s}]\n".formatted(child), null);
        StepRun run = claimTheStepOf(t, parent);

        t.plane().executions().cancel(t.actor(), parent.id(), new CancelExecution(null));

        assertThatThrownBy(() -> t.plane().executions().startChild(t.actor().orgId(), run.id(),
                new StartExecution(child, null, null, null))).isInstanceOf(ConflictException.class);
        assertThat(t.plane().engine().runUntilIdle()).isZero();
    }

    @AcrossDatabases
    void ending_an_execution_withdraws_the_approvals_and_unaccepted_handoffs_its_steps_opened(TestPlane t) {
        String from = agent(t);
        Execution approval = startUnrun(t, "steps: [{id: ask, type: approval, reason: \"ok?\"}]\n", null);
        Execution handoff = startUnrun(t, "steps: [{id: pass, type: handoff, to_capability: review}]\n", from);
        t.plane().engine().runUntilIdle();
        Escalation fromAnAgent = t.plane().escalations().create(t.actor(),
                new NewEscalation("the customer sounds upset", null, null, null, approval.id(), null));

        t.plane().executions().cancel(t.actor(), approval.id(), new CancelExecution("changed my mind"));
        t.plane().executions().fail(t.actor(), handoff.id(), new FailExecution("gave up", null, null, null, null));

        Escalation asked = escalationsOf(t, approval).stream().filter(e -> !e.id().equals(fromAnAgent.id())).findFirst().orElseThrow();
        assertThat(asked.status()).isEqualTo(Escalation.DISMISSED);
        assertThat(asked.dismissReason()).isEqualTo("withdrawn: execution " + approval.id() + " was cancelled");
        assertThat(t.plane().escalations().get(t.actor(), fromAnAgent.id()).status()).isEqualTo(Escalation.OPEN);
        Handoff passed = t.plane().handoffs().list(t.actor(), new HandoffFilter(from, null, null, null, null), PageRequest.first(10))
                .items().getFirst();
        assertThat(passed.status()).isEqualTo(Handoff.REJECTED);
        assertThat(passed.rejectionReason()).isEqualTo("withdrawn: execution " + handoff.id() + " was failed");
    }

    @AcrossDatabases
    void a_task_finished_before_its_step_is_recorded_waiting_still_wakes_the_step(TestPlane t) throws Exception {
        Actor worker = agentKey(t, agent(t, "translate"));
        Execution execution = startUnrun(t, "steps: [{id: translate, type: task, capability: translate}]\n", null);
        StepRun run = claimTheStepOf(t, execution);
        Task task = t.plane().tasks().openForStep(t.actor().orgId(), run.id(), run.attempt(), execution.id(), "translate",
                "translate", Json.object().put("text", "hello"));

        Task claimed = t.plane().tasks().claim(worker, new ClaimTask(null, null, 0, 30)).orElseThrow();
        t.plane().tasks().complete(worker, claimed.id(), new TaskResult.Complete(Json.object().put("text", "bonjour")));
        assertThat(t.plane().engine().record(run, waitingFor("task_id", task.id()))).isTrue();

        Execution done = settle(t, execution);
        assertThat(done.status()).isEqualTo(Execution.COMPLETED);
        assertThat(done.output().at("/translate/text").asText()).isEqualTo("bonjour");
    }

    @AcrossDatabases
    void an_approval_resolved_before_its_step_is_recorded_waiting_still_wakes_the_step(TestPlane t) {
        Execution execution = startUnrun(t, "steps: [{id: ask, type: approval, reason: \"ok?\"}]\n", null);
        StepRun run = claimTheStepOf(t, execution);
        Escalation opened = t.plane().escalations().openForStep(t.actor().orgId(), run.id(),
                new NewEscalation("ok?", null, null, null, execution.id(), null));

        t.plane().escalations().resolve(t.actor(), opened.id(), new ResolveEscalation(Json.object().put("ok", true), "alice"));
        assertThat(t.plane().engine().record(run, waitingFor("escalation_id", opened.id()))).isTrue();

        Execution done = settle(t, execution);
        assertThat(done.status()).isEqualTo(Execution.COMPLETED);
        assertThat(done.output().at("/ask/resolved_by").asText()).isEqualTo("alice");
    }

    @AcrossDatabases
    void a_step_recorded_waiting_with_nothing_ended_waits(TestPlane t) {
        Execution execution = startUnrun(t, "steps: [{id: ask, type: approval, reason: \"ok?\"}]\n", null);
        StepRun run = claimTheStepOf(t, execution);
        Escalation opened = t.plane().escalations().openForStep(t.actor().orgId(), run.id(),
                new NewEscalation("ok?", null, null, null, execution.id(), null));

        assertThat(t.plane().engine().record(run, waitingFor("escalation_id", opened.id()))).isTrue();

        assertThat(t.plane().engine().runUntilIdle()).isZero();
        assertThat(t.plane().executions().get(t.actor(), execution.id()).status()).isEqualTo(Execution.RUNNING);
        t.plane().executions().cancel(t.actor(), execution.id(), new CancelExecution(null)); // leaves nothing due behind
    }

    /** What the step's first look records once it opened {@code id}: wait, with no timeout, until woken. */
    private static Outcome waitingFor(String field, String id) {
        return new Outcome.Wait(Json.object().put(field, id).put("until", WaitingSteps.FOREVER), WaitingSteps.FOREVER);
    }

    /** Starts an execution without running it: its first step is due, unclaimed. */
    private static Execution startUnrun(TestPlane t, String steps, String agentId) {
        return t.plane().executions().start(t.actor(), new StartExecution(workflow(t, steps), null, agentId, null));
    }

    /** Claims the execution's due first step, as a worker would. */
    private static StepRun claimTheStepOf(TestPlane t, Execution execution) {
        return t.plane().engine().claim(100).stream().filter(run -> run.executionId().equals(execution.id())).findFirst()
                .orElseThrow();
    }

    private static Execution settle(TestPlane t, Execution execution) {
        t.plane().engine().runUntilIdle();
        return t.plane().executions().get(t.actor(), execution.id());
    }

    private static List<Escalation> escalationsOf(TestPlane t, Execution execution) {
        return t.plane().escalations().list(t.actor(), new EscalationFilter(null, null, null), PageRequest.first(50)).items()
                .stream().filter(e -> execution.id().equals(e.executionId())).toList();
    }

    private static String workflow(TestPlane t, String steps) {
        String name = "race-" + UUID.randomUUID().toString().substring(0, 8);
        t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, "name: " + name + "\n" + steps);
        return name;
    }

    private static String agent(TestPlane t, String... capabilities) {
        return t.plane().agents().register(t.actor(), new AgentFields("agent-" + UUID.randomUUID().toString().substring(0, 8),
                null, null, List.of(capabilities), null)).id();
    }

    private static Actor agentKey(TestPlane t, String agentId) {
        return new Actor(t.actor().orgId(), null, agentId, Role.AGENT, null);
    }
}
