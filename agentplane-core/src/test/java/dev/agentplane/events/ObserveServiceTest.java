package dev.agentplane.events;

import static dev.agentplane.events.EventServiceTest.execution;
import static dev.agentplane.events.EventServiceTest.progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.agentplane.common.Cursor;
import dev.agentplane.common.Json;
import dev.agentplane.common.PageRequest;
import dev.agentplane.executions.CompleteExecution;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionFilter;
import dev.agentplane.executions.ExecutionStats;
import dev.agentplane.executions.FailExecution;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import java.time.Duration;
import java.util.List;

class ObserveServiceTest {

    @AcrossDatabases
    void stats_cover_every_matching_execution_not_just_the_page(TestPlane t) {
        Execution ok1 = execution(t, "flow");
        Execution ok2 = execution(t, "flow");
        Execution bad = execution(t, "flow");
        execution(t, "flow");
        execution(t, "other");
        t.clock().advance(Duration.ofMillis(100));
        t.plane().executions().complete(t.actor(), ok1.id(), new CompleteExecution(null, 100L, 10L, 0.5));
        t.clock().advance(Duration.ofMillis(200));
        t.plane().executions().complete(t.actor(), ok2.id(), new CompleteExecution(null, 50L, 5L, 0.25));
        t.clock().advance(Duration.ofMillis(300));
        t.plane().executions().fail(t.actor(), bad.id(), new FailExecution("boom", null, 1L, 1L, 0.0));

        Observation page = t.plane().observe().observe(t.actor(), new ExecutionFilter("flow", null, null, null, null),
                PageRequest.first(2));

        assertThat(page.items()).hasSize(2);
        assertThat(page.nextCursor()).isNotNull();
        ExecutionStats stats = page.stats();
        assertThat(stats.total()).isEqualTo(4);
        assertThat(stats.byStatus()).isEqualTo(new ExecutionStats.ByStatus(1, 2, 1, 0, 0));
        assertThat(stats.errorRate()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(stats.avgDurationMs()).isCloseTo((100 + 300 + 600) / 3.0, within(1e-6));
        assertThat(stats.tokensIn()).isEqualTo(151);
        assertThat(stats.tokensOut()).isEqualTo(16);
        assertThat(stats.costUsd()).isCloseTo(0.75, within(1e-9));

        Observation rest = t.plane().observe().observe(t.actor(), new ExecutionFilter("flow", null, null, null, null),
                new PageRequest(2, Cursor.decode(page.nextCursor())));
        assertThat(rest.items()).extracting(trail -> trail.execution().id()).containsExactly(ok2.id(), ok1.id());
        assertThat(rest.nextCursor()).isNull();
    }

    @AcrossDatabases
    void each_execution_comes_with_its_latest_events_oldest_first(TestPlane t) {
        Execution busy = execution(t, "flow");
        Execution quiet = execution(t, "flow");
        Execution chatty = execution(t, "flow");
        t.plane().events().record(t.actor(), busy.id(), progress("one", null, null, null));
        t.plane().events().record(t.actor(), busy.id(), progress("two", null, null, null));
        for (int i = 0; i < ObserveService.EVENTS_PER_EXECUTION + 5; i++) {
            t.plane().events().record(t.actor(), chatty.id(), progress("m" + i, null, null, null));
        }

        Observation observation = t.plane().observe().observe(t.actor(), ExecutionFilter.none(), PageRequest.first(10));

        assertThat(observation.items()).extracting(trail -> trail.execution().id())
                .containsExactly(chatty.id(), quiet.id(), busy.id());
        assertThat(observation.items().get(2).events()).extracting(Event::message).containsExactly(null, "one", "two");
        assertThat(observation.items().get(1).events()).extracting(Event::type).containsExactly("execution.started");
        List<Event> chattyEvents = observation.items().get(0).events();
        assertThat(chattyEvents).hasSize(ObserveService.EVENTS_PER_EXECUTION);
        assertThat(chattyEvents.get(0).message()).isEqualTo("m5");
        assertThat(chattyEvents.get(ObserveService.EVENTS_PER_EXECUTION - 1).message())
                .isEqualTo("m" + (ObserveService.EVENTS_PER_EXECUTION + 4));
    }

    @AcrossDatabases
    void with_nothing_finished_the_error_rate_is_zero_and_the_average_duration_null(TestPlane t) {
        execution(t, "flow");

        ExecutionStats running = t.plane().observe().observe(t.actor(), ExecutionFilter.none(), PageRequest.first(5)).stats();
        ExecutionStats empty = t.plane().observe().observe(t.otherOrg(), ExecutionFilter.none(), PageRequest.first(5)).stats();

        assertThat(running.total()).isEqualTo(1);
        assertThat(running.errorRate()).isZero();
        assertThat(running.avgDurationMs()).isNull();
        assertThat(empty).isEqualTo(new ExecutionStats(0, new ExecutionStats.ByStatus(0, 0, 0, 0, 0), 0, null, 0, 0, 0));
    }

    @AcrossDatabases
    void a_trail_serializes_as_the_execution_fields_plus_events(TestPlane t) {
        Execution run = execution(t, "flow");
        t.plane().events().record(t.actor(), run.id(), progress("one", null, null, null));

        var json = Json.MAPPER.valueToTree(t.plane().observe().observe(t.actor(), ExecutionFilter.none(),
                PageRequest.first(5)));

        assertThat(json.at("/items/0/id").asText()).isEqualTo(run.id());
        assertThat(json.at("/items/0/workflow_name").asText()).isEqualTo("flow");
        assertThat(json.at("/items/0/events/0/type").asText()).isEqualTo("execution.started");
        assertThat(json.at("/items/0/events/1/message").asText()).isEqualTo("one");
        assertThat(json.at("/items/0/execution").isMissingNode()).isTrue();
        assertThat(json.at("/stats/by_status/running").asInt()).isEqualTo(1);
        assertThat(json.has("next_cursor")).isTrue();
    }
}
