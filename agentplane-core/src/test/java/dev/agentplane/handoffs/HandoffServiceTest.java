package dev.agentplane.handoffs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.AgentPlane;
import dev.agentplane.agents.AgentFields;
import dev.agentplane.audit.AuditEntry;
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
import dev.agentplane.executions.StartExecution;
import dev.agentplane.tenancy.Actor;
import dev.agentplane.tenancy.Role;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.workflows.WorkflowFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class HandoffServiceTest {

    private static String agent(TestPlane t, String name, String... capabilities) {
        return agent(t, t.actor(), name, capabilities);
    }

    private static String agent(TestPlane t, Actor actor, String name, String... capabilities) {
        return t.plane().agents().register(actor, new AgentFields(name, null, null, List.of(capabilities), null)).id();
    }

    private static String execution(TestPlane t, String workflow) {
        t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, "name: " + workflow + "\nsteps:\n  - {id: a, type: sleep, duration: 1h}\n");
        return t.plane().executions().start(t.actor(), new StartExecution(workflow, null, null, null)).id();
    }

    private static Handoff toAgent(TestPlane t, String from, String to) {
        return t.plane().handoffs().create(t.actor(), new NewHandoff(from, to, null, Json.object().put("ticket", "T-1"),
                "needs a human touch", null));
    }

    private static Handoff toCapability(TestPlane t, String from, String capability) {
        return t.plane().handoffs().create(t.actor(), new NewHandoff(from, null, capability, null, null, null));
    }

    private static List<Handoff> list(TestPlane t, HandoffFilter filter) {
        return t.plane().handoffs().list(t.actor(), filter, PageRequest.first(50)).items();
    }

    private static void assertProblemAt(Throwable e, int status, String pointer) {
        assertThat(e).isInstanceOf(ProblemException.class);
        ProblemException problem = (ProblemException) e;
        assertThat(problem.status()).as(problem.detail()).isEqualTo(status);
        assertThat(problem.errors()).extracting(error -> error.pointer()).contains(pointer);
    }

    @AcrossDatabases
    void creates_a_pending_handoff_to_an_agent_and_reads_it_back(TestPlane t) {
        String from = agent(t, "triage");
        String to = agent(t, "billing");
        String executionId = execution(t, "support");

        Handoff created = t.plane().handoffs().create(t.actor(), new NewHandoff(from, to, null,
                Json.object().put("ticket", "T-1"), "refund question", executionId));

        assertThat(created.status()).isEqualTo(Handoff.PENDING);
        assertThat(created.context().get("ticket").asText()).isEqualTo("T-1");
        assertThat(created.executionId()).isEqualTo(executionId);
        assertThat(created.createdAt()).isEqualTo(t.clock().instant());
        assertThat(created.acceptedBy()).isNull();
        assertThat(created.result()).isNull();
        assertThat(t.plane().handoffs().get(t.actor(), created.id())).isEqualTo(created);
    }

    @AcrossDatabases
    void a_created_handoff_equals_its_later_read_even_when_the_clock_has_microseconds(TestPlane t) {
        AgentPlane fineClock = AgentPlane.create(t.database(),
                Clock.fixed(Instant.parse("2030-01-01T00:00:00.123456789Z"), ZoneOffset.UTC));
        String from = agent(t, "fine-from");
        String to = agent(t, "fine-to");

        Handoff created = fineClock.handoffs().create(t.actor(), new NewHandoff(from, to, null, null, null, null));

        assertThat(created.createdAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00.123Z"));
        assertThat(fineClock.handoffs().get(t.actor(), created.id())).isEqualTo(created);
    }

    @AcrossDatabases
    void a_handoff_to_a_capability_has_an_empty_context_by_default(TestPlane t) {
        Handoff created = toCapability(t, agent(t, "triage"), "ocr");

        assertThat(created.toAgentId()).isNull();
        assertThat(created.toCapability()).isEqualTo("ocr");
        assertThat(created.context()).isEqualTo(Json.object());
        assertThat(t.plane().handoffs().get(t.actor(), created.id())).isEqualTo(created);
    }

    @AcrossDatabases
    void create_needs_exactly_one_target_and_valid_fields(TestPlane t) {
        String from = agent(t, "triage");
        String to = agent(t, "billing");

        assertThatThrownBy(() -> t.plane().handoffs().create(t.actor(), new NewHandoff(from, null, null, null, null, null)))
                .satisfies(e -> assertProblemAt(e, 400, "/to_agent_id"));
        assertThatThrownBy(() -> t.plane().handoffs().create(t.actor(), new NewHandoff(from, to, "ocr", null, null, null)))
                .satisfies(e -> assertProblemAt(e, 400, "/to_capability"));
        assertThatThrownBy(() -> t.plane().handoffs().create(t.actor(), new NewHandoff(from, from, null, null, null, null)))
                .satisfies(e -> assertProblemAt(e, 400, "/to_agent_id"));
        assertThatThrownBy(() -> t.plane().handoffs().create(t.actor(), new NewHandoff(null, "nope", null,
                Json.MAPPER.createArrayNode(), null, "bad")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.pointer())
                        .contains("/from_agent_id", "/to_agent_id", "/context", "/execution_id"));
        assertThat(list(t, HandoffFilter.NONE)).isEmpty();
    }

    @AcrossDatabases
    void create_is_404_naming_the_field_when_a_referenced_agent_or_execution_is_not_in_the_org(TestPlane t) {
        String from = agent(t, "triage");
        String to = agent(t, "billing");
        String foreign = agent(t, t.otherOrg(), "elsewhere");
        String missing = "0193f5e2-7c1a-7b3e-9d2f-5a1b2c3d4e5f";

        assertThatThrownBy(() -> t.plane().handoffs().create(t.actor(), new NewHandoff(foreign, to, null, null, null, null)))
                .satisfies(e -> assertProblemAt(e, 404, "/from_agent_id"));
        assertThatThrownBy(() -> t.plane().handoffs().create(t.actor(), new NewHandoff(from, missing, null, null, null, null)))
                .satisfies(e -> assertProblemAt(e, 404, "/to_agent_id"));
        assertThatThrownBy(() -> t.plane().handoffs().create(t.actor(), new NewHandoff(from, to, null, null, null, missing)))
                .satisfies(e -> assertProblemAt(e, 404, "/execution_id"));
        assertThat(list(t, HandoffFilter.NONE)).isEmpty();
    }

    @AcrossDatabases
    void an_oversized_context_is_413(TestPlane t) {
        ObjectNode context = Json.object().put("blob", "x".repeat(1024 * 1024));

        assertThatThrownBy(() -> t.plane().handoffs().create(t.actor(),
                new NewHandoff(agent(t, "triage"), null, "ocr", context, null, null)))
                .isInstanceOfSatisfying(PayloadTooLargeException.class,
                        e -> assertThat(e.extensions()).containsEntry("limit_bytes", 1024L * 1024));
    }

    @AcrossDatabases
    void accepting_a_handoff_to_an_agent_records_that_agent(TestPlane t) {
        String to = agent(t, "billing");
        Handoff created = toAgent(t, agent(t, "triage"), to);
        t.clock().advance(Duration.ofSeconds(30));

        Handoff accepted = t.plane().handoffs().accept(t.actor(), created.id(), AcceptHandoff.DEFAULT);

        assertThat(accepted.status()).isEqualTo(Handoff.ACCEPTED);
        assertThat(accepted.acceptedBy()).isEqualTo(to);
        assertThat(accepted.acceptedAt()).isEqualTo(t.clock().instant());
        assertThat(accepted.updatedAt()).isEqualTo(t.clock().instant());
        assertThat(t.plane().handoffs().get(t.actor(), created.id())).isEqualTo(accepted);
    }

    @AcrossDatabases
    void only_the_addressed_agent_may_accept_a_handoff_to_an_agent(TestPlane t) {
        String other = agent(t, "other");
        Handoff created = toAgent(t, agent(t, "triage"), agent(t, "billing"));

        assertThatThrownBy(() -> t.plane().handoffs().accept(t.actor(), created.id(), new AcceptHandoff(other)))
                .satisfies(e -> assertProblemAt(e, 400, "/agent_id"));
        assertThat(t.plane().handoffs().get(t.actor(), created.id()).status()).isEqualTo(Handoff.PENDING);
    }

    @AcrossDatabases
    void a_handoff_to_a_capability_is_accepted_by_an_agent_with_that_capability(TestPlane t) {
        String reader = agent(t, "reader", "ocr", "pdf");
        String mailer = agent(t, "mailer", "email");
        Handoff created = toCapability(t, agent(t, "triage"), "ocr");

        assertThatThrownBy(() -> t.plane().handoffs().accept(t.actor(), created.id(), new AcceptHandoff(mailer)))
                .satisfies(e -> assertProblemAt(e, 400, "/agent_id"))
                .hasMessageContaining("does not have capability 'ocr'");
        assertThatThrownBy(() -> t.plane().handoffs().accept(t.actor(), created.id(), AcceptHandoff.DEFAULT))
                .satisfies(e -> assertProblemAt(e, 400, "/agent_id"));
        assertThatThrownBy(() -> t.plane().handoffs().accept(t.actor(), created.id(),
                new AcceptHandoff("0193f5e2-7c1a-7b3e-9d2f-5a1b2c3d4e5f")))
                .satisfies(e -> assertProblemAt(e, 404, "/agent_id"));

        Handoff accepted = t.plane().handoffs().accept(t.actor(), created.id(), new AcceptHandoff(reader));

        assertThat(accepted.acceptedBy()).isEqualTo(reader);
    }

    @AcrossDatabases
    void a_key_bound_to_an_agent_accepts_a_capability_handoff_as_that_agent(TestPlane t) {
        String reader = agent(t, "reader", "ocr");
        Actor readerKey = new Actor(t.actor().orgId(), null, reader, Role.AGENT, "req");
        Handoff created = toCapability(t, agent(t, "triage"), "ocr");

        Handoff accepted = t.plane().handoffs().accept(readerKey, created.id(), AcceptHandoff.DEFAULT);

        assertThat(accepted.acceptedBy()).isEqualTo(reader);
    }

    @AcrossDatabases
    void completing_an_accepted_handoff_stores_its_result(TestPlane t) {
        Handoff created = toAgent(t, agent(t, "triage"), agent(t, "billing"));
        t.plane().handoffs().accept(t.actor(), created.id(), AcceptHandoff.DEFAULT);
        t.clock().advance(Duration.ofMinutes(2));

        Handoff completed = t.plane().handoffs().complete(t.actor(), created.id(),
                new CompleteHandoff(Json.object().put("refunded", true)));

        assertThat(completed.status()).isEqualTo(Handoff.COMPLETED);
        assertThat(completed.result().get("refunded").asBoolean()).isTrue();
        assertThat(completed.completedAt()).isEqualTo(t.clock().instant());
        assertThat(t.plane().handoffs().get(t.actor(), created.id())).isEqualTo(completed);
    }

    @AcrossDatabases
    void rejecting_needs_a_reason_and_records_it(TestPlane t) {
        Handoff created = toAgent(t, agent(t, "triage"), agent(t, "billing"));

        assertThatThrownBy(() -> t.plane().handoffs().reject(t.actor(), created.id(), new RejectHandoff(" ")))
                .satisfies(e -> assertProblemAt(e, 400, "/reason"));
        Handoff rejected = t.plane().handoffs().reject(t.actor(), created.id(), new RejectHandoff("not billing"));

        assertThat(rejected.status()).isEqualTo(Handoff.REJECTED);
        assertThat(rejected.rejectionReason()).isEqualTo("not billing");
        assertThat(rejected.acceptedAt()).isNull();
    }

    @AcrossDatabases
    void illegal_transitions_are_409_naming_the_current_status(TestPlane t) {
        String from = agent(t, "triage");
        String to = agent(t, "billing");
        Handoff pending = toAgent(t, from, to);
        Handoff rejected = toAgent(t, from, to);
        t.plane().handoffs().reject(t.actor(), rejected.id(), new RejectHandoff("no"));
        Handoff completed = toAgent(t, from, to);
        t.plane().handoffs().accept(t.actor(), completed.id(), AcceptHandoff.DEFAULT);
        t.plane().handoffs().complete(t.actor(), completed.id(), CompleteHandoff.DEFAULT);

        assertConflict(() -> t.plane().handoffs().complete(t.actor(), pending.id(), CompleteHandoff.DEFAULT), "pending");
        assertConflict(() -> t.plane().handoffs().accept(t.actor(), rejected.id(), AcceptHandoff.DEFAULT), "rejected");
        assertConflict(() -> t.plane().handoffs().reject(t.actor(), rejected.id(), new RejectHandoff("again")), "rejected");
        assertConflict(() -> t.plane().handoffs().accept(t.actor(), completed.id(), AcceptHandoff.DEFAULT), "completed");
        assertConflict(() -> t.plane().handoffs().reject(t.actor(), completed.id(), new RejectHandoff("late")), "completed");
        assertConflict(() -> t.plane().handoffs().complete(t.actor(), completed.id(), CompleteHandoff.DEFAULT), "completed");
        assertThat(t.plane().handoffs().get(t.actor(), completed.id()).result()).isNull();
    }

    private static void assertConflict(Runnable change, String currentStatus) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.extensions()).containsEntry("current_status", currentStatus));
    }

    @AcrossDatabases
    void unknown_and_foreign_handoffs_are_404_for_every_operation(TestPlane t) {
        Handoff created = toAgent(t, agent(t, "triage"), agent(t, "billing"));
        Actor other = t.otherOrg();

        assertThatThrownBy(() -> t.plane().handoffs().get(other, created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().handoffs().accept(other, created.id(), AcceptHandoff.DEFAULT))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().handoffs().reject(other, created.id(), new RejectHandoff("x")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().handoffs().complete(other, created.id(), CompleteHandoff.DEFAULT))
                .isInstanceOf(NotFoundException.class);
        assertThat(t.plane().handoffs().list(other, HandoffFilter.NONE, PageRequest.first(10)).items()).isEmpty();
        assertThat(t.plane().handoffs().get(t.actor(), created.id()).status()).isEqualTo(Handoff.PENDING);
    }

    @AcrossDatabases
    void lists_by_agents_status_capability_and_workflow(TestPlane t) {
        String triage = agent(t, "triage");
        String billing = agent(t, "billing");
        String support = execution(t, "support");
        String sales = execution(t, "sales");
        Handoff direct = t.plane().handoffs().create(t.actor(), new NewHandoff(triage, billing, null, null, null, support));
        Handoff ocr = t.plane().handoffs().create(t.actor(), new NewHandoff(billing, null, "ocr", null, null, sales));
        Handoff unlinked = toCapability(t, triage, "email");
        t.plane().handoffs().accept(t.actor(), direct.id(), AcceptHandoff.DEFAULT);

        assertThat(list(t, HandoffFilter.NONE)).extracting(Handoff::id).containsExactly(unlinked.id(), ocr.id(), direct.id());
        assertThat(list(t, new HandoffFilter(triage, null, null, null, null))).extracting(Handoff::id)
                .containsExactly(unlinked.id(), direct.id());
        assertThat(list(t, new HandoffFilter(null, billing, null, null, null))).extracting(Handoff::id)
                .containsExactly(direct.id());
        assertThat(list(t, new HandoffFilter(null, null, Handoff.PENDING, null, null))).extracting(Handoff::id)
                .containsExactly(unlinked.id(), ocr.id());
        assertThat(list(t, new HandoffFilter(null, null, null, "sales", null))).extracting(Handoff::id)
                .containsExactly(ocr.id());
        assertThat(list(t, new HandoffFilter(null, null, null, null, "email"))).extracting(Handoff::id)
                .containsExactly(unlinked.id());
        assertThat(list(t, new HandoffFilter(triage, null, Handoff.ACCEPTED, "support", null))).extracting(Handoff::id)
                .containsExactly(direct.id());
        assertThat(list(t, new HandoffFilter(null, null, null, "nothing", null))).isEmpty();
    }

    @AcrossDatabases
    void pages_with_cursors_newest_first(TestPlane t) {
        String triage = agent(t, "triage");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, toCapability(t, triage, "ocr").id());
        }

        List<String> seen = new ArrayList<>();
        PageRequest page = PageRequest.first(2);
        while (true) {
            Page<Handoff> result = t.plane().handoffs().list(t.actor(), HandoffFilter.NONE, page);
            result.items().forEach(h -> seen.add(h.id()));
            if (result.nextCursor() == null) {
                break;
            }
            page = new PageRequest(2, Cursor.decode(result.nextCursor()));
        }

        assertThat(seen).isEqualTo(created);
    }

    @AcrossDatabases
    void bad_list_filters_are_400_naming_the_parameter(TestPlane t) {
        assertThatThrownBy(() -> list(t, new HandoffFilter(null, null, "done", null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("status"));
        assertThatThrownBy(() -> list(t, new HandoffFilter("x", null, null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("from_agent_id"));
        assertThatThrownBy(() -> list(t, new HandoffFilter(null, "y", null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("to_agent_id"));
    }

    @AcrossDatabases
    void of_two_callers_accepting_the_same_handoff_exactly_one_wins(TestPlane t) throws Exception {
        String reader = agent(t, "reader", "ocr");
        String scanner = agent(t, "scanner", "ocr");
        String triage = agent(t, "triage");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Handoff handoff = toCapability(t, triage, "ocr");
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<String>> outcomes = new ArrayList<>();
                for (String agentId : List.of(reader, scanner)) {
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        try {
                            return t.plane().handoffs().accept(t.actor(), handoff.id(), new AcceptHandoff(agentId)).acceptedBy();
                        } catch (ConflictException e) {
                            return "409 " + e.extensions().get("current_status");
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get());
                }

                Handoff stored = t.plane().handoffs().get(t.actor(), handoff.id());
                assertThat(results).containsExactlyInAnyOrder(stored.acceptedBy(), "409 accepted");
                assertThat(t.plane().audit().list(t.actor(), new AuditFilter(null, null, "handoff.accept", "handoff",
                        handoff.id(), null, null), PageRequest.first(10)).items()).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @AcrossDatabases
    void every_change_is_audited_and_a_refused_one_is_not(TestPlane t) {
        Handoff created = toAgent(t, agent(t, "triage"), agent(t, "billing"));
        t.plane().handoffs().accept(t.actor(), created.id(), AcceptHandoff.DEFAULT);
        t.plane().handoffs().complete(t.actor(), created.id(), new CompleteHandoff(Json.object().put("ok", true)));
        Handoff rejected = toAgent(t, agent(t, "a"), agent(t, "b"));
        t.plane().handoffs().reject(t.actor(), rejected.id(), new RejectHandoff("wrong team"));
        assertThatThrownBy(() -> t.plane().handoffs().accept(t.actor(), rejected.id(), AcceptHandoff.DEFAULT))
                .isInstanceOf(ConflictException.class);

        List<AuditEntry> first = audit(t, created.id());
        List<AuditEntry> second = audit(t, rejected.id());

        assertThat(first).extracting(AuditEntry::action)
                .containsExactly("handoff.complete", "handoff.accept", "handoff.create");
        assertThat(first.get(1).details().get("accepted_by").asText()).isEqualTo(created.toAgentId());
        assertThat(second).extracting(AuditEntry::action).containsExactly("handoff.reject", "handoff.create");
        assertThat(second.get(0).details().get("reason").asText()).isEqualTo("wrong team");
    }

    private static List<AuditEntry> audit(TestPlane t, String handoffId) {
        return t.plane().audit().list(t.actor(), new AuditFilter(null, null, null, "handoff", handoffId, null, null),
                PageRequest.first(50)).items();
    }
}
