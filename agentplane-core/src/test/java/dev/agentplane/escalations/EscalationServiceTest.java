package dev.agentplane.escalations;

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

class EscalationServiceTest {
    private static final String MISSING = "0193f5e2-7c1a-7b3e-9d2f-5a1b2c3d4e5f";

    private static Escalation open(TestPlane t, String reason) {
        return t.plane().escalations().create(t.actor(), new NewEscalation(reason, null, null, null, null, null));
    }

    private static List<Escalation> list(TestPlane t, EscalationFilter filter) {
        return t.plane().escalations().list(t.actor(), filter, PageRequest.first(50)).items();
    }

    private static ResolveEscalation approved(String by) {
        return new ResolveEscalation(Json.object().put("approved", true), by);
    }

    private static void assertProblemAt(Throwable e, int status, String pointer) {
        assertThat(e).isInstanceOf(ProblemException.class);
        ProblemException problem = (ProblemException) e;
        assertThat(problem.status()).as(problem.detail()).isEqualTo(status);
        assertThat(problem.errors()).extracting(error -> error.pointer()).contains(pointer);
    }

    private static void assertConflict(Runnable change, String currentStatus) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(ConflictException.class,
                e -> assertThat(e.extensions()).containsEntry("current_status", currentStatus));
    }

    @AcrossDatabases
    void opens_an_escalation_with_medium_priority_by_default(TestPlane t) {
        Escalation created = open(t, "refund above the limit");

        assertThat(created.status()).isEqualTo(Escalation.OPEN);
        assertThat(created.priority()).isEqualTo("medium");
        assertThat(created.context()).isEqualTo(Json.object());
        assertThat(created.createdAt()).isEqualTo(t.clock().instant());
        assertThat(created.resolution()).isNull();
        assertThat(t.plane().escalations().get(t.actor(), created.id())).isEqualTo(created);
    }

    @AcrossDatabases
    void a_created_escalation_equals_its_later_read_even_when_the_clock_has_microseconds(TestPlane t) {
        AgentPlane fineClock = AgentPlane.create(t.database(),
                Clock.fixed(Instant.parse("2030-01-01T00:00:00.123456789Z"), ZoneOffset.UTC));

        Escalation created = fineClock.escalations().create(t.actor(),
                new NewEscalation("needs a decision", null, null, null, null, null));

        assertThat(created.createdAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00.123Z"));
        assertThat(fineClock.escalations().get(t.actor(), created.id())).isEqualTo(created);
    }

    @AcrossDatabases
    void keeps_the_context_priority_assignee_execution_and_agent_given(TestPlane t) {
        String agentId = t.plane().agents().register(t.actor(), new AgentFields("refunder", null, null, null, null)).id();
        t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, "name: refunds\nsteps:\n  - {id: a, type: sleep, duration: 1h}\n");
        String executionId = t.plane().executions().start(t.actor(), new StartExecution("refunds", null, null, null)).id();

        Escalation created = t.plane().escalations().create(t.actor(), new NewEscalation("refund of 900 EUR",
                Json.object().put("order", "A-17"), "urgent", "alice", executionId, agentId));

        assertThat(created.context().get("order").asText()).isEqualTo("A-17");
        assertThat(created.priority()).isEqualTo("urgent");
        assertThat(created.assignedTo()).isEqualTo("alice");
        assertThat(created.executionId()).isEqualTo(executionId);
        assertThat(created.agentId()).isEqualTo(agentId);
        assertThat(t.plane().escalations().get(t.actor(), created.id())).isEqualTo(created);
    }

    @AcrossDatabases
    void create_rejects_bad_fields_and_unknown_references_without_writing(TestPlane t) {
        String foreignAgent = t.plane().agents().register(t.otherOrg(), new AgentFields("x", null, null, null, null)).id();

        assertThatThrownBy(() -> t.plane().escalations().create(t.actor(), new NewEscalation(" ",
                Json.MAPPER.createArrayNode(), "critical", null, "nope", "nope")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.pointer())
                        .containsExactlyInAnyOrder("/reason", "/context", "/priority", "/execution_id", "/agent_id"));
        assertThatThrownBy(() -> t.plane().escalations().create(t.actor(),
                new NewEscalation("why", null, null, null, MISSING, null)))
                .satisfies(e -> assertProblemAt(e, 404, "/execution_id"));
        assertThatThrownBy(() -> t.plane().escalations().create(t.actor(),
                new NewEscalation("why", null, null, null, null, foreignAgent)))
                .satisfies(e -> assertProblemAt(e, 404, "/agent_id"));
        ObjectNode huge = Json.object().put("blob", "x".repeat(1024 * 1024));
        assertThatThrownBy(() -> t.plane().escalations().create(t.actor(), new NewEscalation("why", huge, null, null, null, null)))
                .isInstanceOf(PayloadTooLargeException.class);
        assertThat(list(t, EscalationFilter.NONE)).isEmpty();
    }

    @AcrossDatabases
    void claiming_moves_to_in_progress_and_assigns_the_claimant(TestPlane t) {
        Escalation first = open(t, "one");
        Escalation second = open(t, "two");
        Actor boundKey = new Actor(t.actor().orgId(), "key-1", null, Role.DEVELOPER, "req");

        Escalation byName = t.plane().escalations().claim(t.actor(), first.id(), new ClaimEscalation("bob"));
        Escalation byCaller = t.plane().escalations().claim(boundKey, second.id(), ClaimEscalation.DEFAULT);

        assertThat(byName.status()).isEqualTo(Escalation.IN_PROGRESS);
        assertThat(byName.assignedTo()).isEqualTo("bob");
        assertThat(byCaller.assignedTo()).isEqualTo("key-1");
        assertThat(t.plane().escalations().get(t.actor(), first.id())).isEqualTo(byName);
    }

    @AcrossDatabases
    void resolving_stores_the_decision_and_who_made_it(TestPlane t) {
        Escalation open = open(t, "refund");
        Escalation claimed = open(t, "other refund");
        t.plane().escalations().claim(t.actor(), claimed.id(), new ClaimEscalation("carol"));
        t.clock().advance(Duration.ofMinutes(10));

        Escalation fromOpen = t.plane().escalations().resolve(t.actor(), open.id(), approved("dave"));
        Escalation fromClaimed = t.plane().escalations().resolve(t.actor(), claimed.id(),
                new ResolveEscalation(Json.MAPPER.getNodeFactory().textNode("denied"), null));

        assertThat(fromOpen.status()).isEqualTo(Escalation.RESOLVED);
        assertThat(fromOpen.resolution().get("approved").asBoolean()).isTrue();
        assertThat(fromOpen.resolvedBy()).isEqualTo("dave");
        assertThat(fromOpen.resolvedAt()).isEqualTo(t.clock().instant());
        assertThat(fromClaimed.resolution().asText()).isEqualTo("denied");
        assertThat(fromClaimed.assignedTo()).isEqualTo("carol");
        assertThat(t.plane().escalations().get(t.actor(), open.id())).isEqualTo(fromOpen);
    }

    @AcrossDatabases
    void resolving_needs_a_resolution(TestPlane t) {
        Escalation created = open(t, "refund");

        assertThatThrownBy(() -> t.plane().escalations().resolve(t.actor(), created.id(), new ResolveEscalation(null, "x")))
                .satisfies(e -> assertProblemAt(e, 400, "/resolution"));
        assertThatThrownBy(() -> t.plane().escalations().resolve(t.actor(), created.id(),
                new ResolveEscalation(Json.MAPPER.getNodeFactory().nullNode(), "x")))
                .satisfies(e -> assertProblemAt(e, 400, "/resolution"));
        assertThat(t.plane().escalations().get(t.actor(), created.id()).status()).isEqualTo(Escalation.OPEN);
    }

    @AcrossDatabases
    void dismissing_records_the_optional_reason(TestPlane t) {
        Escalation withReason = open(t, "one");
        Escalation without = open(t, "two");
        t.plane().escalations().claim(t.actor(), without.id(), ClaimEscalation.DEFAULT);

        Escalation dismissed = t.plane().escalations().dismiss(t.actor(), withReason.id(), new DismissEscalation("duplicate"));
        Escalation quietly = t.plane().escalations().dismiss(t.actor(), without.id(), DismissEscalation.DEFAULT);

        assertThat(dismissed.status()).isEqualTo(Escalation.DISMISSED);
        assertThat(dismissed.dismissReason()).isEqualTo("duplicate");
        assertThat(dismissed.resolution()).isNull();
        assertThat(quietly.status()).isEqualTo(Escalation.DISMISSED);
        assertThat(quietly.dismissReason()).isNull();
    }

    @AcrossDatabases
    void illegal_transitions_are_409_naming_the_current_status(TestPlane t) {
        Escalation claimed = open(t, "claimed");
        t.plane().escalations().claim(t.actor(), claimed.id(), ClaimEscalation.DEFAULT);
        Escalation resolved = open(t, "resolved");
        t.plane().escalations().resolve(t.actor(), resolved.id(), approved("x"));
        Escalation dismissed = open(t, "dismissed");
        t.plane().escalations().dismiss(t.actor(), dismissed.id(), DismissEscalation.DEFAULT);

        assertConflict(() -> t.plane().escalations().claim(t.actor(), claimed.id(), ClaimEscalation.DEFAULT), "in_progress");
        assertConflict(() -> t.plane().escalations().claim(t.actor(), resolved.id(), ClaimEscalation.DEFAULT), "resolved");
        assertConflict(() -> t.plane().escalations().resolve(t.actor(), resolved.id(), approved("y")), "resolved");
        assertConflict(() -> t.plane().escalations().dismiss(t.actor(), resolved.id(), DismissEscalation.DEFAULT), "resolved");
        assertConflict(() -> t.plane().escalations().resolve(t.actor(), dismissed.id(), approved("y")), "dismissed");
        assertConflict(() -> t.plane().escalations().dismiss(t.actor(), dismissed.id(), DismissEscalation.DEFAULT), "dismissed");
        assertThat(t.plane().escalations().get(t.actor(), resolved.id()).resolvedBy()).isEqualTo("x");
    }

    @AcrossDatabases
    void unknown_and_foreign_escalations_are_404_for_every_operation(TestPlane t) {
        Escalation created = open(t, "mine");
        Actor other = t.otherOrg();

        assertThatThrownBy(() -> t.plane().escalations().get(other, created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().escalations().claim(other, created.id(), ClaimEscalation.DEFAULT))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().escalations().resolve(other, created.id(), approved("x")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().escalations().dismiss(other, MISSING, DismissEscalation.DEFAULT))
                .isInstanceOf(NotFoundException.class);
        assertThat(t.plane().escalations().list(other, EscalationFilter.NONE, PageRequest.first(10)).items()).isEmpty();
        assertThat(t.plane().escalations().get(t.actor(), created.id()).status()).isEqualTo(Escalation.OPEN);
    }

    @AcrossDatabases
    void lists_by_status_priority_and_assignee_and_pages_newest_first(TestPlane t) {
        Escalation low = t.plane().escalations().create(t.actor(), new NewEscalation("a", null, "low", "alice", null, null));
        Escalation urgent = t.plane().escalations().create(t.actor(), new NewEscalation("b", null, "urgent", null, null, null));
        Escalation high = t.plane().escalations().create(t.actor(), new NewEscalation("c", null, "high", "alice", null, null));
        t.plane().escalations().claim(t.actor(), urgent.id(), new ClaimEscalation("bob"));

        assertThat(list(t, new EscalationFilter("open", null, null))).extracting(Escalation::id).containsExactly(high.id(), low.id());
        assertThat(list(t, new EscalationFilter(null, "urgent", null))).extracting(Escalation::id).containsExactly(urgent.id());
        assertThat(list(t, new EscalationFilter(null, null, "alice"))).extracting(Escalation::id).containsExactly(high.id(), low.id());
        assertThat(list(t, new EscalationFilter("in_progress", null, "bob"))).extracting(Escalation::id).containsExactly(urgent.id());

        List<String> seen = new ArrayList<>();
        PageRequest page = PageRequest.first(2);
        while (true) {
            Page<Escalation> result = t.plane().escalations().list(t.actor(), EscalationFilter.NONE, page);
            result.items().forEach(e -> seen.add(e.id()));
            if (result.nextCursor() == null) {
                break;
            }
            page = new PageRequest(2, Cursor.decode(result.nextCursor()));
        }
        assertThat(seen).containsExactly(high.id(), urgent.id(), low.id());
    }

    @AcrossDatabases
    void bad_list_filters_are_400_naming_the_parameter(TestPlane t) {
        assertThatThrownBy(() -> list(t, new EscalationFilter("closed", null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("status"));
        assertThatThrownBy(() -> list(t, new EscalationFilter(null, "critical", null)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).parameter()).isEqualTo("priority"));
    }

    @AcrossDatabases
    void of_a_resolve_and_a_dismiss_racing_exactly_one_wins(TestPlane t) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Escalation escalation = open(t, "race " + round);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<String> resolve = pool.submit(() -> {
                    start.await();
                    return outcome(() -> t.plane().escalations().resolve(t.actor(), escalation.id(), approved("x")).status());
                });
                Future<String> dismiss = pool.submit(() -> {
                    start.await();
                    return outcome(() -> t.plane().escalations().dismiss(t.actor(), escalation.id(), DismissEscalation.DEFAULT).status());
                });
                List<String> results = List.of(resolve.get(), dismiss.get());

                String finalStatus = t.plane().escalations().get(t.actor(), escalation.id()).status();
                assertThat(results).containsExactlyInAnyOrder(finalStatus, "409 " + finalStatus);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String outcome(java.util.function.Supplier<String> change) {
        try {
            return change.get();
        } catch (ConflictException e) {
            return "409 " + e.extensions().get("current_status");
        }
    }

    @AcrossDatabases
    void every_change_is_audited_and_a_refused_one_is_not(TestPlane t) {
        Escalation resolved = open(t, "one");
        t.plane().escalations().claim(t.actor(), resolved.id(), new ClaimEscalation("erin"));
        t.plane().escalations().resolve(t.actor(), resolved.id(), approved("erin"));
        Escalation dismissed = open(t, "two");
        t.plane().escalations().dismiss(t.actor(), dismissed.id(), new DismissEscalation("noise"));
        assertThatThrownBy(() -> t.plane().escalations().claim(t.actor(), dismissed.id(), ClaimEscalation.DEFAULT))
                .isInstanceOf(ConflictException.class);

        assertThat(audit(t, resolved.id())).extracting(AuditEntry::action)
                .containsExactly("escalation.resolve", "escalation.claim", "escalation.create");
        assertThat(audit(t, dismissed.id())).extracting(AuditEntry::action)
                .containsExactly("escalation.dismiss", "escalation.create");
        assertThat(audit(t, resolved.id()).get(1).details().get("assigned_to").asText()).isEqualTo("erin");
    }

    private static List<AuditEntry> audit(TestPlane t, String escalationId) {
        return t.plane().audit().list(t.actor(), new AuditFilter(null, null, null, "escalation", escalationId, null, null),
                PageRequest.first(50)).items();
    }
}
