package dev.agentplane.executions;

import dev.agentplane.common.JsonLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.agents.AgentFields;
import dev.agentplane.audit.AuditFilter;
import dev.agentplane.common.Cursor;
import dev.agentplane.common.Json;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.ConflictException;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.common.problems.PayloadTooLargeException;
import dev.agentplane.common.problems.ProblemException;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.Role;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.workflows.WorkflowFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

class ExecutionServiceTest {

    static void workflow(TestPlane t, String name) {
        t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, "name: " + name + "\nsteps:\n  - {id: a, type: sleep, duration: 1h}\n");
    }

    static Execution start(TestPlane t, String workflow) {
        return t.plane().executions().start(t.actor(), new StartExecution(workflow, null, null, Json.object().put("n", 1)));
    }

    private static String agent(TestPlane t, String name) {
        return t.plane().agents().register(t.actor(), new AgentFields(name, null, null, null, null)).id();
    }

    @AcrossDatabases
    void start_pins_the_latest_active_version_or_the_one_given(TestPlane t) {
        workflow(t, "flow");
        workflow(t, "flow");
        workflow(t, "flow");
        t.plane().workflows().deactivate(t.actor(), "flow", 3);

        Execution latest = start(t, "flow");
        Execution pinned = t.plane().executions().start(t.actor(), new StartExecution("flow", 1, null, null));

        assertThat(latest.workflowVersion()).isEqualTo(2);
        assertThat(latest.workflowId()).isEqualTo(t.plane().workflows().getVersion(t.actor(), "flow", 2).id());
        assertThat(latest.status()).isEqualTo(Execution.RUNNING);
        assertThat(latest.input().get("n").asInt()).isEqualTo(1);
        assertThat(latest.startedAt()).isEqualTo(t.clock().instant());
        assertThat(latest.completedAt()).isNull();
        assertThat(latest.durationMs()).isNull();
        assertThat(pinned.workflowVersion()).isEqualTo(1);
        assertThat(pinned.input()).isEqualTo(Json.object());
        assertThat(t.plane().executions().get(t.actor(), latest.id())).isEqualTo(latest);
    }

    @AcrossDatabases
    void start_refuses_inactive_versions_and_unknown_workflows(TestPlane t) {
        workflow(t, "flow");
        t.plane().workflows().deactivate(t.actor(), "flow", 1);

        assertThatThrownBy(() -> t.plane().executions().start(t.actor(), new StartExecution("flow", 1, null, null)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.detail()).contains("version 1", "inactive"));
        assertThatThrownBy(() -> start(t, "flow"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.detail()).contains("'flow' has no active version");
                });
        assertThatThrownBy(() -> start(t, "ghost"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.detail()).contains("'ghost'"));
        assertThatThrownBy(() -> t.plane().executions().start(t.actor(), new StartExecution("flow", 9, null, null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(t.plane().executions().list(t.actor(), ExecutionFilter.none(), PageRequest.first(10)).items()).isEmpty();
    }

    @AcrossDatabases
    void start_validates_the_request_and_the_agent(TestPlane t) {
        workflow(t, "flow");
        String otherOrgsAgent = t.plane().agents().register(t.otherOrg(), new AgentFields("x", null, null, null, null)).id();

        assertThatThrownBy(() -> t.plane().executions().start(t.actor(), new StartExecution("", 0, "nope", null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(err -> err.pointer()).containsExactly("/workflow", "/agent_id", "/version"));
        assertThatThrownBy(() -> t.plane().executions().start(t.actor(), new StartExecution("flow", null, otherOrgsAgent, null)))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.errors().get(0).pointer()).isEqualTo("/agent_id");
                    assertThat(e.errors().get(0).detail()).contains("no agent");
                });
        var huge = Json.object().put("blob", "x".repeat(JsonLimits.MAX_VALUE_BYTES));
        assertThatThrownBy(() -> t.plane().executions().start(t.actor(), new StartExecution("flow", null, null, huge)))
                .isInstanceOf(PayloadTooLargeException.class);
    }

    @AcrossDatabases
    void a_key_bound_to_an_agent_reports_as_that_agent(TestPlane t) {
        workflow(t, "flow");
        String agentId = agent(t, "worker");
        Actor bound = new Actor(t.actor().orgId(), null, agentId, Role.AGENT, null);

        Execution execution = t.plane().executions().start(bound, new StartExecution("flow", null, null, null));

        assertThat(execution.agentId()).isEqualTo(agentId);
    }

    @AcrossDatabases
    void complete_records_output_totals_and_duration_once(TestPlane t) {
        workflow(t, "flow");
        Execution started = start(t, "flow");
        t.clock().advance(Duration.ofMillis(1500));

        Execution done = t.plane().executions().complete(t.actor(), started.id(),
                new CompleteExecution(Json.object().put("ok", true), 100L, 20L, 0.25));

        assertThat(done.status()).isEqualTo(Execution.COMPLETED);
        assertThat(done.output().get("ok").asBoolean()).isTrue();
        assertThat(done.completedAt()).isEqualTo(t.clock().instant());
        assertThat(done.durationMs()).isEqualTo(1500);
        assertThat(done).extracting(Execution::tokensIn, Execution::tokensOut, Execution::costUsd).containsExactly(100L, 20L, 0.25);
        assertThatThrownBy(() -> t.plane().executions().complete(t.actor(), started.id(), CompleteExecution.empty()))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.extensions()).containsEntry("current_status", "completed"));
        assertThatThrownBy(() -> t.plane().executions().fail(t.actor(), started.id(), new FailExecution("late", null, null, null, null)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.detail()).contains("cannot fail", "'completed'"));
        assertThat(t.plane().executions().get(t.actor(), started.id())).isEqualTo(done);
    }

    @AcrossDatabases
    void fail_records_the_error_and_keeps_totals_not_given(TestPlane t) {
        workflow(t, "flow");
        Execution started = start(t, "flow");

        Execution failed = t.plane().executions().fail(t.actor(), started.id(),
                new FailExecution("the PDF was unreadable", null, 7L, null, null));

        assertThat(failed.status()).isEqualTo(Execution.FAILED);
        assertThat(failed.error()).isEqualTo("the PDF was unreadable");
        assertThat(failed.tokensIn()).isEqualTo(7);
        assertThat(failed.tokensOut()).isZero();
        assertThat(failed.durationMs()).isZero();
        assertThatThrownBy(() -> t.plane().executions().fail(t.actor(), started.id(), new FailExecution(" ", null, -1L, null, Double.NaN)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(err -> err.pointer()).containsExactly("/error", "/tokens_in", "/cost_usd"));
    }

    @AcrossDatabases
    void only_one_of_concurrent_finishes_wins(TestPlane t) throws Exception {
        workflow(t, "flow");
        Execution started = start(t, "flow");
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean complete = i % 2 == 0;
            outcomes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return complete ? t.plane().executions().complete(t.actor(), started.id(), CompleteExecution.empty()).status()
                            : t.plane().executions().fail(t.actor(), started.id(), new FailExecution("x", null, null, null, null)).status();
                } catch (ConflictException e) {
                    return "conflict";
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        List<String> results = new ArrayList<>();
        for (CompletableFuture<String> outcome : outcomes) {
            results.add(outcome.get());
        }

        assertThat(results).filteredOn(r -> !r.equals("conflict")).hasSize(1);
        assertThat(results).filteredOn(r -> r.equals("conflict")).hasSize(3);
    }

    @AcrossDatabases
    void unknown_or_foreign_executions_are_404_and_malformed_ids_400(TestPlane t) {
        workflow(t, "flow");
        Execution started = start(t, "flow");

        assertThatThrownBy(() -> t.plane().executions().get(t.otherOrg(), started.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().executions().complete(t.otherOrg(), started.id(), CompleteExecution.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().executions().get(t.actor(), "42"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("execution_id"));
    }

    @AcrossDatabases
    void lists_newest_first_with_filters_and_cursors(TestPlane t) {
        workflow(t, "a");
        workflow(t, "b");
        String agentId = agent(t, "worker");
        Instant t0 = t.clock().instant();
        List<Execution> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            t.clock().advance(Duration.ofMinutes(1));
            started.add(t.plane().executions().start(t.actor(),
                    new StartExecution(i % 2 == 0 ? "a" : "b", null, i == 4 ? agentId : null, null)));
        }
        t.plane().executions().fail(t.actor(), started.get(0).id(), new FailExecution("x", null, null, null, null));

        assertThat(collect(t, ExecutionFilter.none())).extracting(Execution::id)
                .containsExactlyElementsOf(started.stream().map(Execution::id).toList().reversed());
        assertThat(collect(t, new ExecutionFilter("a", null, null, null, null))).hasSize(3);
        assertThat(collect(t, new ExecutionFilter(null, agentId, null, null, null))).extracting(Execution::id)
                .containsExactly(started.get(4).id());
        assertThat(collect(t, new ExecutionFilter("a", null, "running", null, null))).hasSize(2);
        assertThat(collect(t, new ExecutionFilter(null, null, null, t0.plus(Duration.ofMinutes(2)), t0.plus(Duration.ofMinutes(4)))))
                .extracting(Execution::id).containsExactly(started.get(2).id(), started.get(1).id());
        assertThat(collect(t, new ExecutionFilter(null, null, null, null, null))).hasSize(5);
        assertThatThrownBy(() -> collect(t, new ExecutionFilter(null, null, "done", null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).parameter()).isEqualTo("status"));
        assertThatThrownBy(() -> collect(t, new ExecutionFilter(null, "x", null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).parameter()).isEqualTo("agent_id"));
    }

    @AcrossDatabases
    void starting_and_finishing_are_audited(TestPlane t) {
        workflow(t, "flow");
        Execution started = start(t, "flow");
        t.plane().executions().complete(t.actor(), started.id(), CompleteExecution.empty());

        assertThat(t.plane().audit().list(t.actor(), new AuditFilter(null, null, null, "execution", null, null, null),
                PageRequest.first(10)).items()).extracting(e -> e.action() + " " + e.resourceId())
                .containsExactly("execution.complete " + started.id(), "execution.start " + started.id());
    }

    private static List<Execution> collect(TestPlane t, ExecutionFilter filter) {
        List<Execution> all = new ArrayList<>();
        PageRequest page = PageRequest.first(2);
        while (true) {
            Page<Execution> result = t.plane().executions().list(t.actor(), filter, page);
            all.addAll(result.items());
            if (result.nextCursor() == null) {
                return all;
            }
            page = new PageRequest(2, Cursor.decode(result.nextCursor()));
        }
    }
}
