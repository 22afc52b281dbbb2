package dev.agentplane.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.audit.AuditFilter;
import dev.agentplane.common.Cursor;
import dev.agentplane.common.Json;
import dev.agentplane.common.JsonLimits;
import dev.agentplane.common.Page;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.common.problems.NotFoundException;
import dev.agentplane.common.problems.PayloadTooLargeException;
import dev.agentplane.executions.CompleteExecution;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.StartExecution;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import dev.agentplane.workflows.WorkflowFormat;
import java.util.ArrayList;
import java.util.List;

class EventServiceTest {

    static Execution execution(TestPlane t, String workflow) {
        if (t.plane().workflows().list(t.actor(), new dev.agentplane.workflows.WorkflowFilter(workflow, null),
                PageRequest.first(1)).items().isEmpty()) {
            t.plane().workflows().create(t.actor(), WorkflowFormat.YAML, "name: " + workflow + "\nsteps: [{id: a, type: sleep, duration: 1h}]\n");
        }
        return t.plane().executions().start(t.actor(), new StartExecution(workflow, null, null, null));
    }

    static NewExecutionEvent progress(String message, Long tokensIn, Long tokensOut, Double cost) {
        return new NewExecutionEvent(null, "step.done", message, Json.object().put("step", message), tokensIn, tokensOut, cost);
    }

    @AcrossDatabases
    void records_events_and_adds_their_usage_to_the_execution(TestPlane t) {
        Execution run = execution(t, "flow");

        Event first = t.plane().events().record(t.actor(), run.id(), progress("read", 10L, 2L, 0.01));
        t.plane().events().record(t.actor(), new NewEvent(run.id(), null, "llm.call", null, null, 5L, null, 0.02));
        t.plane().events().record(t.actor(), run.id(), progress("note", null, null, null));

        assertThat(first.executionId()).isEqualTo(run.id());
        assertThat(first.type()).isEqualTo("step.done");
        assertThat(first.data().get("step").asText()).isEqualTo("read");
        assertThat(first.createdAt()).isEqualTo(t.clock().instant());
        Execution after = t.plane().executions().get(t.actor(), run.id());
        assertThat(after.tokensIn()).isEqualTo(15);
        assertThat(after.tokensOut()).isEqualTo(2);
        assertThat(after.costUsd()).isCloseTo(0.03, org.assertj.core.data.Offset.offset(1e-9));
    }

    @AcrossDatabases
    void totals_given_at_completion_replace_the_accumulated_ones(TestPlane t) {
        Execution run = execution(t, "flow");
        t.plane().events().record(t.actor(), run.id(), progress("read", 10L, 2L, 0.01));

        Execution done = t.plane().executions().complete(t.actor(), run.id(), new CompleteExecution(null, 50L, null, null));

        assertThat(done.tokensIn()).isEqualTo(50);
        assertThat(done.tokensOut()).isEqualTo(2);
    }

    @AcrossDatabases
    void lists_the_events_of_an_execution_oldest_first(TestPlane t) {
        Execution run = execution(t, "flow");
        Execution other = execution(t, "flow");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(t.plane().events().record(t.actor(), run.id(), progress("s" + i, null, null, null)).id());
            t.plane().events().record(t.actor(), other.id(), progress("o" + i, null, null, null));
        }

        List<String> listed = new ArrayList<>();
        PageRequest page = PageRequest.first(2);
        while (true) {
            Page<Event> result = t.plane().events().list(t.actor(), run.id(), page);
            result.items().forEach(e -> listed.add(e.id()));
            if (result.nextCursor() == null) {
                break;
            }
            page = new PageRequest(2, Cursor.decode(result.nextCursor()));
        }

        // The engine's execution.started event comes first, then the agent's events in order.
        assertThat(listed).hasSize(ids.size() + 1).endsWith(ids.toArray(String[]::new));
        assertThat(t.plane().events().list(t.actor(), execution(t, "flow").id(), PageRequest.first(5)).items())
                .extracting(Event::type).containsExactly("execution.started");
    }

    @AcrossDatabases
    void events_of_unknown_or_foreign_executions_are_404_and_leave_nothing(TestPlane t) {
        Execution run = execution(t, "flow");

        assertThatThrownBy(() -> t.plane().events().record(t.otherOrg(), run.id(), progress("x", 1L, null, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().events().list(t.otherOrg(), run.id(), PageRequest.first(5)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> t.plane().events().record(t.actor(),
                new NewEvent(dev.agentplane.common.Ids.newId(), null, "x", null, null, null, null, null)))
                .isInstanceOf(NotFoundException.class);
        assertThat(t.plane().executions().get(t.actor(), run.id()).tokensIn()).isZero();
    }

    @AcrossDatabases
    void invalid_events_are_refused_field_by_field(TestPlane t) {
        Execution run = execution(t, "flow");

        assertThatThrownBy(() -> t.plane().events().record(t.actor(), new NewEvent(null, "bad", "Step Done", null, null, -1L, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(err -> err.pointer())
                        .containsExactly("/execution_id", "/agent_id", "/type", "/tokens_in"));
        assertThatThrownBy(() -> t.plane().events().record(t.actor(), run.id(),
                new NewExecutionEvent(dev.agentplane.common.Ids.newId(), "x", null, null, 3L, null, null)))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.errors().get(0).pointer()).isEqualTo("/agent_id"));
        assertThatThrownBy(() -> t.plane().events().record(t.actor(), run.id(), new NewExecutionEvent(null, "x", null,
                Json.object().put("blob", "x".repeat(JsonLimits.MAX_VALUE_BYTES)), null, null, null)))
                .isInstanceOf(PayloadTooLargeException.class);
        assertThat(t.plane().executions().get(t.actor(), run.id()).tokensIn()).isZero();
        assertThat(t.plane().events().list(t.actor(), run.id(), PageRequest.first(5)).items())
                .extracting(Event::type).containsExactly("execution.started");
    }

    @AcrossDatabases
    void recording_an_event_is_audited(TestPlane t) {
        Execution run = execution(t, "flow");
        Event event = t.plane().events().record(t.actor(), run.id(), progress("read", null, null, null));

        assertThat(t.plane().audit().list(t.actor(), new AuditFilter(null, null, "event.create", null, null, null, null),
                PageRequest.first(10)).items()).singleElement().satisfies(entry -> {
                    assertThat(entry.resourceId()).isEqualTo(event.id());
                    assertThat(entry.details().get("execution_id").asText()).isEqualTo(run.id());
                });
    }
}
