package dev.agentplane.executions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentplane.agents.AgentFields;
import dev.agentplane.common.Json;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.escalations.Escalation;
import dev.agentplane.escalations.EscalationFilter;
import dev.agentplane.escalations.ResolveEscalation;
import dev.agentplane.executions.CancelExecution;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.handoffs.Handoff;
import dev.agentplane.handoffs.HandoffFilter;
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

/**
 * A step run stopped while its execution goes on (a parallel's other branch won, its block failed, it timed out)
 * leaves nothing behind: its tasks are cancelled, its approvals dismissed, its unaccepted handoffs rejected and its
 * sub-workflows cancelled, in the transaction that stops it; and work it tries to open afterwards is refused. A
 * paused sub-workflow ends with its parent like a running one.
 */
class StoppedStepWorkTest {

    @AcrossDatabases
    void the_branches_a_first_join_cancels_leave_no_task_approval_handoff_or_sub_workflow_open(TestPlane t) throws Exception {
        Actor worker = agentKey(t, agent(t, "ocr"));
        String from = agent(t);
        String child = workflow(t, "steps: [{id: inner, type: task, capability: ocr}]\n");
        Execution execution = start(t, """
                steps:
                  - id: race
                    type: parallel
                    join: first
                    branches:
                      - {name: ask, steps: [{id: ask, type: approval, reason: "ok?"}]}
                      - {name: read, steps: [{id: read, type: task, capability: ocr}]}
                      - {name: pass, steps: [{id: pass, type: handoff, to_capability: review}]}
                      - {name: sub, steps: [{id: sub, type: workflow, workflow: %s}]}
                  - {id: after, type: approval, reason: "and now?"}
                """.formatted(child), from);
        t.plane().engine().runUntilIdle();
        assertThat(tasksOf(t, null)).hasSize(2); // the branch's and the sub-workflow's

        t.plane().escalations().resolve(t.actor(), escalationOf(t, execution, "ok?").id(),
                new ResolveEscalation(Json.object().put("ok", true), "alice"));
        t.plane().engine().runUntilIdle();

        assertThat(t.plane().executions().get(t.actor(), execution.id()).status()).isEqualTo(Execution.RUNNING);
        assertThat(tasksOf(t, null)).extracting(Task::status).containsOnly(Task.CANCELLED);
        assertThat(t.plane().tasks().claim(worker, new ClaimTask(null, null, 0, 30))).isEmpty();
        Handoff passed = t.plane().handoffs().list(t.actor(), new HandoffFilter(from, null, null, null, null),
                PageRequest.first(10)).items().getFirst();
        assertThat(passed.status()).isEqualTo(Handoff.REJECTED);
        assertThat(passed.rejectionReason()).isEqualTo("withdrawn: another branch of parallel step 'race' finished first");
        Execution sub = t.plane().executions().get(t.actor(), tasksOf(t, null).stream()
                .filter(task -> !task.executionId().equals(execution.id())).findFirst().orElseThrow().executionId());
        assertThat(sub.status()).isEqualTo(Execution.CANCELLED);
        assertThat(escalationOf(t, execution, "and now?").status()).isEqualTo(Escalation.OPEN);
    }

    @AcrossDatabases
    void a_failed_branch_withdraws_the_approval_its_sibling_waits_for(TestPlane t) throws Exception {
        Actor worker = agentKey(t, agent(t, "ocr"));
        Execution execution = start(t, """
                steps:
                  - id: both
                    type: parallel
                    on_error: continue
                    branches:
                      - {name: read, steps: [{id: read, type: task, capability: ocr}]}
                      - {name: ask, steps: [{id: ask, type: approval, reason: "ok?"}]}
                  - {id: after, type: approval, reason: "and now?"}
                """, null);
        t.plane().engine().runUntilIdle();

        Task claimed = t.plane().tasks().claim(worker, new ClaimTask(null, null, 0, 30)).orElseThrow();
        t.plane().tasks().fail(worker, claimed.id(), new TaskResult.Fail("unreadable scan", false));
        t.plane().engine().runUntilIdle();

        Escalation asked = escalationOf(t, execution, "ok?");
        assertThat(asked.status()).isEqualTo(Escalation.DISMISSED);
        assertThat(asked.dismissReason()).isEqualTo("withdrawn: step 'read' of its block failed");
        assertThat(t.plane().executions().get(t.actor(), execution.id()).status()).isEqualTo(Execution.RUNNING);
        assertThat(escalationOf(t, execution, "and now?").status()).isEqualTo(Escalation.OPEN);
    }

    @AcrossDatabases
    void a_waiting_step_that_times_out_withdraws_what_it_waited_for(TestPlane t) throws Exception {
        Actor worker = agentKey(t, agent(t, "ocr"));
        Execution execution = start(t, """
                steps:
                  - {id: read, type: task, capability: ocr, timeout: 1h, on_error: continue}
                  - {id: ask, type: approval, reason: "ok?", timeout: 1h, on_error: continue}
                  - {id: after, type: approval, reason: "and now?"}
                """, null);
        t.plane().engine().runUntilIdle();

        t.clock().advance(Duration.ofHours(1));
        t.plane().engine().runUntilIdle();
        t.clock().advance(Duration.ofHours(1));
        t.plane().engine().runUntilIdle();

        assertThat(tasksOf(t, execution)).singleElement().extracting(Task::status).isEqualTo(Task.CANCELLED);
        assertThat(t.plane().tasks().claim(worker, new ClaimTask(null, null, 0, 30))).isEmpty();
        Escalation asked = escalationOf(t, execution, "ok?");
        assertThat(asked.status()).isEqualTo(Escalation.DISMISSED);
        assertThat(asked.dismissReason()).startsWith("withdrawn: step 'ask' failed: no decision on escalation");
        assertThat(t.plane().executions().get(t.actor(), execution.id()).status()).isEqualTo(Execution.RUNNING);
    }

    @AcrossDatabases
    void a_task_step_that_tries_again_leaves_the_last_attempts_task_to_nobody(TestPlane t) throws Exception {
        Actor worker = agentKey(t, agent(t, "ocr"));
        Execution execution = start(t, """
                steps:
                  - {id: read, type: task, capability: ocr, timeout: 1h, retry: {max_attempts: 2, initial_interval: 1s}}
                """, null);
        t.plane().engine().runUntilIdle();
        t.clock().advance(Duration.ofHours(1));
        StepRun look = claimTheStep(t, execution, "read");

        // The look at the task failed in a way worth another attempt (a timeout is not): the next opens its own task.
        assertThat(t.plane().engine().record(look, new Outcome.Failed("store", "the look failed", true))).isTrue();
        t.clock().advance(Duration.ofSeconds(1));
        t.plane().engine().runUntilIdle();

        assertThat(tasksOf(t, execution)).extracting(Task::attempt, Task::status)
                .containsExactlyInAnyOrder(tuple(1, Task.CANCELLED), tuple(2, Task.OPEN));
        assertThat(t.plane().tasks().claim(worker, new ClaimTask(null, null, 0, 30))).get()
                .extracting(Task::attempt).isEqualTo(2);
    }

    @AcrossDatabases
    void a_task_a_cancelled_branch_opens_after_the_cancel_is_refused(TestPlane t) throws Exception {
        Actor worker = agentKey(t, agent(t, "ocr"));
        Execution execution = start(t, """
                steps:
                  - id: race
                    type: parallel
                    join: first
                    branches:
                      - {name: slow, steps: [{id: nap, type: sleep, duration: 1h}, {id: read, type: task, capability: ocr}]}
                      - {name: ask, steps: [{id: ask, type: approval, reason: "ok?"}]}
                  - {id: after, type: approval, reason: "and now?"}
                """, null);
        t.plane().engine().runUntilIdle();
        t.clock().advance(Duration.ofHours(1));
        StepRun nap = claimTheStep(t, execution, "nap");
        assertThat(t.plane().engine().record(nap, new Outcome.Done(null, null))).isTrue();
        StepRun read = claimTheStep(t, execution, "read"); // a worker holds it, about to open its task

        t.plane().escalations().resolve(t.actor(), escalationOf(t, execution, "ok?").id(),
                new ResolveEscalation(Json.object().put("ok", true), "alice"));
        t.plane().engine().runUntilIdle(); // the approval branch wins: the task branch is cancelled

        assertThatThrownBy(() -> t.plane().tasks().openForStep(t.actor().orgId(), read.id(), read.attempt(), execution.id(),
                "read", "ocr", null)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("step 'read'").hasMessageContaining("is cancelled: it opens no task");
        assertThat(t.plane().engine().record(read, new Outcome.Failed("task.refused", "refused", false))).isFalse();
        assertThat(tasksOf(t, execution)).isEmpty();
        assertThat(t.plane().tasks().claim(worker, new ClaimTask(null, null, 0, 30))).isEmpty();
        assertThat(t.plane().executions().get(t.actor(), execution.id()).status()).isEqualTo(Execution.RUNNING);
    }

    @AcrossDatabases
    void a_paused_sub_workflow_is_cancelled_with_its_parent_and_its_work_withdrawn(TestPlane t) throws Exception {
        Actor worker = agentKey(t, agent(t, "ocr"));
        String grandchild = workflow(t, "steps: [{id: deep, type: task, capability: ocr}]\n");
        String child = workflow(t, """
                steps:
                  - id: both
                    type: parallel
                    branches:
                      - {name: read, steps: [{id: inner, type: task, capability: ocr}]}
                      - {name: sub, steps: [{id: sub, type: workflow, workflow: %s}]}
                """.formatted(grandchild));
        Execution parent = start(t, "steps: [{id: sub, type: workflow, workflow: %s}]\n".formatted(child), null);
        t.plane().engine().runUntilIdle();
        List<Task> opened = tasksOf(t, null);
        assertThat(opened).hasSize(2);
        for (Task task : opened) {
            t.plane().executions().pause(t.actor(), task.executionId());
        }

        t.plane().executions().cancel(t.actor(), parent.id(), new CancelExecution("not needed"));

        for (Task task : opened) {
            Execution sub = t.plane().executions().get(t.actor(), task.executionId());
            assertThat(sub.status()).isEqualTo(Execution.CANCELLED);
            assertThat(sub.error()).startsWith("its parent execution ");
        }
        assertThat(tasksOf(t, null)).extracting(Task::status).containsOnly(Task.CANCELLED);
        assertThat(t.plane().tasks().claim(worker, new ClaimTask(null, null, 0, 30))).isEmpty();
    }

    private static Execution start(TestPlane t, String steps, String agentId) {
        return t.plane().executions().start(t.actor(), new StartExecution(workflow(t, steps), null, agentId, null));
    }

    /** Claims the execution's due run of step {@code stepId}, as a worker would (nothing else is due). */
    private static StepRun claimTheStep(TestPlane t, Execution execution, String stepId) {
        List<StepRun> claimed = t.plane().engine().claim(100);
        assertThat(claimed).extracting(StepRun::stepId).containsExactly(stepId);
        return claimed.getFirst();
    }

    private static List<Task> tasksOf(TestPlane t, Execution execution) {
        return t.plane().tasks().list(t.actor(), new TaskFilter(null, null, execution == null ? null : execution.id()),
                PageRequest.first(50)).items();
    }

    private static Escalation escalationOf(TestPlane t, Execution execution, String reason) {
        return t.plane().escalations().list(t.actor(), new EscalationFilter(null, null, null), PageRequest.first(50)).items()
                .stream().filter(e -> execution.id().equals(e.executionId()) && reason.equals(e.reason())).findFirst()
                .orElseThrow();
    }

    private static String workflow(TestPlane t, String steps) {
        String name = "stopped-" + UUID.randomUUID().toString().substring(0, 8);
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
