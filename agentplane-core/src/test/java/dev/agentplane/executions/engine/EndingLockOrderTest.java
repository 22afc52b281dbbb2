package dev.agentplane.executions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.agents.AgentFields;
import dev.agentplane.common.Json;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.escalations.Escalation;
import dev.agentplane.escalations.EscalationFilter;
import dev.agentplane.escalations.ResolveEscalation;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionRepository;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.executions.Usage;
import dev.agentplane.tasks.ClaimTask;
import dev.agentplane.tasks.Task;
import dev.agentplane.tasks.TaskResult;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.Role;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.DatabaseKind;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.workflows.WorkflowFormat;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A cancel locks the execution's row, its step runs' rows, then the rows of their work (tasks, escalations); whoever
 * finishes that work must take the step run's row before the work's, or the two deadlock on PostgreSQL. Each test holds
 * a cancel right after it locked the step runs, lets the finisher run until it waits for a lock, checks the work's row
 * is still free, then lets the cancel go on: the finisher is told the work was withdrawn (409), never a deadlock.
 */
class EndingLockOrderTest {

    @AcrossDatabases
    void an_agent_finishing_a_task_while_a_cancel_holds_its_step_waits_and_is_told_it_was_cancelled(TestPlane t)
            throws Exception {
        Actor worker = agentKey(t, agent(t, "ocr"));
        Execution execution = start(t, "steps: [{id: read, type: task, capability: ocr}]\n");
        t.plane().engine().runUntilIdle();
        Task task = t.plane().tasks().claim(worker, new ClaimTask(null, null, 0, 30)).orElseThrow();

        finishDuringCancel(t, execution, "tasks", task.id(),
                () -> t.plane().tasks().complete(worker, task.id(), new TaskResult.Complete(Json.object().put("text", "done"))));

        assertThat(t.plane().tasks().get(t.actor(), task.id()).status()).isEqualTo(Task.CANCELLED);
    }

    @AcrossDatabases
    void resolving_an_approval_while_a_cancel_holds_its_step_waits_and_is_told_it_was_dismissed(TestPlane t) throws Exception {
        Execution execution = start(t, "steps: [{id: ask, type: approval, reason: \"ok?\"}]\n");
        t.plane().engine().runUntilIdle();
        Escalation asked = t.plane().escalations().list(t.actor(), new EscalationFilter(null, null, null), PageRequest.first(50))
                .items().stream().filter(e -> execution.id().equals(e.executionId())).findFirst().orElseThrow();

        finishDuringCancel(t, execution, "escalations", asked.id(), () -> t.plane().escalations().resolve(t.actor(), asked.id(),
                new ResolveEscalation(Json.object().put("ok", true), "alice")));

        assertThat(t.plane().escalations().get(t.actor(), asked.id()).status()).isEqualTo(Escalation.DISMISSED);
    }

    /**
     * Cancels {@code execution} as ExecutionService.cancel does, stopping after its step runs are locked until
     * {@code finish} (which ends the {@code table} row {@code workId}) waits for a lock; then lets the cancel commit.
     */
    private static void finishDuringCancel(TestPlane t, Execution execution, String table, String workId,
                                           Supplier<?> finish) throws Exception {
        if (t.kind() == DatabaseKind.SQLITE) {
            // SQLite serializes writers: the cancel commits before the finisher starts.
            cancel(t, execution, () -> {});
            assertThatThrownBy(finish::get).isInstanceOf(ConflictException.class);
            return;
        }
        CountDownLatch runsLocked = new CountDownLatch(1);
        CountDownLatch finisherWaits = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> cancel = pool.submit(() -> cancel(t, execution, () -> {
                runsLocked.countDown();
                await(finisherWaits);
            }));
            runsLocked.await();
            Future<?> finishing = pool.submit(finish::get);
            while (backendsWaitingForALock(t) == 0) {
                assertThat(finishing.isDone()).as("the finisher did not wait for the cancel's step run lock").isFalse();
                Thread.onSpinWait();
            }
            // The finisher waits for the step run's row and holds nothing the cancel needs next.
            t.database().inTransaction(tx -> tx.one("SELECT id FROM " + table + " WHERE id = ? FOR UPDATE NOWAIT",
                    row -> row.string("id"), workId));
            finisherWaits.countDown();
            cancel.get();

            assertThatThrownBy(finishing::get).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(ConflictException.class);
        } finally {
            pool.shutdownNow();
        }
    }

    /** What ExecutionService.cancel does, in its order, with {@code afterRunsLocked} once the step runs are locked. */
    private static Void cancel(TestPlane t, Execution execution, Runnable afterRunsLocked) {
        String orgId = t.actor().orgId();
        return t.database().inTransaction(tx -> {
            new ExecutionRepository().finish(tx, orgId, execution.id(), Execution.CANCELLED, null, "stop",
                    new Usage(null, null, null), Instant.ofEpochMilli(t.clock().millis()));
            new StepRunRepository().cancelActive(tx, execution.id(), null, t.clock().millis());
            afterRunsLocked.run();
            t.plane().engine().endedFromOutside(tx, orgId, execution.id(), Execution.CANCELLED);
            return null;
        });
    }

    private static long backendsWaitingForALock(TestPlane t) {
        return t.database().read(sql -> sql.count("SELECT COUNT(*) AS n FROM pg_stat_activity"
                + " WHERE datname = current_database() AND wait_event_type = 'Lock'"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Execution start(TestPlane t, String steps) {
        String name = "locks-" + UUID.randomUUID().toString().substring(0, 8);
        t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, "name: " + name + "\n" + steps);
        return t.plane().executions().start(t.actor(), new StartExecution(name, null, null, null));
    }

    private static String agent(TestPlane t, String... capabilities) {
        return t.plane().agents().register(t.actor(), new AgentFields("agent-" + UUID.randomUUID().toString().substring(0, 8),
                null, null, List.of(capabilities), null)).id();
    }

    private static Actor agentKey(TestPlane t, String agentId) {
        return new Actor(t.actor().orgId(), null, agentId, Role.AGENT, null);
    }
}
