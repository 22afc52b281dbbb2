package dev.agentplane.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentplane.common.Json;
import dev.agentplane.common.PageRequest;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.executions.Execution;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

/**
 * Every event of an execution gets the next seq in the transaction that writes it, and the sequencer gives committed
 * events stream positions in commit order: readers that resume after the last seq or position they saw lose nothing,
 * even while many transactions write at once.
 */
class EventSequenceTest {
    private static final int WRITERS = 8;
    private static final int EVENTS_PER_WRITER = 25;

    private static Event record(TestPlane t, String executionId, String type) {
        return t.plane().events().record(t.actor(), executionId,
                new NewExecutionEvent(null, type, null, Json.object().put("n", 1), null, null, null));
    }

    @AcrossDatabases
    void numbers_the_events_of_each_execution_from_one_without_gaps(TestPlane t) {
        Execution run = EventServiceTest.execution(t, "flow");
        Execution other = EventServiceTest.execution(t, "flow");

        Event second = record(t, run.id(), "a.b");
        record(t, other.id(), "a.b");
        Event third = record(t, run.id(), "a.c");

        assertThat(second.seq()).isEqualTo(2); // execution.started is 1
        assertThat(third.seq()).isEqualTo(3);
        assertThat(t.plane().events().list(t.actor(), run.id(), PageRequest.first(10)).items())
                .extracting(Event::seq).containsExactly(1L, 2L, 3L);
        assertThat(t.plane().events().list(t.actor(), run.id(), 1L, PageRequest.first(10)).items())
                .extracting(Event::type).containsExactly("a.b", "a.c");
        assertThat(t.plane().events().after(t.actor(), run.id(), 2, 10)).extracting(Event::id).containsExactly(third.id());
        assertThat(t.plane().events().after(t.otherOrg(), run.id(), 0, 10)).isEmpty();
    }

    @AcrossDatabases
    void concurrent_writers_get_gapless_seqs_that_a_reader_resuming_after_the_last_never_skips(TestPlane t) throws Exception {
        Execution run = EventServiceTest.execution(t, "flow");
        long total = 1 + WRITERS * EVENTS_PER_WRITER;
        AtomicBoolean writing = new AtomicBoolean(true);

        List<Long> read = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1)) {
            Future<?> reader = pool.submit(() -> {
                long last = 0;
                while (last < total) {
                    boolean allWritten = !writing.get();
                    for (Event event : t.plane().events().after(t.actor(), run.id(), last, 1000)) {
                        assertThat(event.seq()).as("the event after seq %s", last).isEqualTo(last + 1);
                        last = event.seq();
                        read.add(last);
                    }
                    assertThat(!allWritten || last == total).as("all written, read up to %s", last).isTrue();
                }
                return null;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < EVENTS_PER_WRITER; i++) {
                        record(t, run.id(), "writer." + writer);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            reader.get();
        }

        assertThat(read).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(t.plane().executions().get(t.actor(), run.id()).status()).isEqualTo(Execution.RUNNING);
    }

    @AcrossDatabases
    void stream_positions_follow_commit_order_and_each_executions_seq(TestPlane t) throws Exception {
        List<Execution> runs = List.of(EventServiceTest.execution(t, "flow"), EventServiceTest.execution(t, "flow"),
                EventServiceTest.execution(t, "flow"));
        long expected = runs.size() * (1L + WRITERS * EVENTS_PER_WRITER);
        EventSequencer sequencer = new EventSequencer();
        AtomicBoolean writing = new AtomicBoolean(true);

        Map<String, Long> lastSeq = new HashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2)) {
            Future<?> numbering = pool.submit(() -> {
                while (writing.get()) {
                    t.database().inTransaction(sequencer::assignPositions);
                }
                while (t.database().inTransaction(sequencer::assignPositions) > 0) {
                    // the rest
                }
                return null;
            });
            Future<Long> reader = pool.submit(() -> {
                long position = 0;
                long seen = 0;
                while (seen < expected) {
                    boolean allNumbered = numbering.isDone();
                    for (StreamedEvent streamed : t.plane().events().stream(t.actor(), StreamFilter.ALL, position, 500)) {
                        long at = StreamedEvent.positionOf("after", streamed.cursor());
                        assertThat(at).isGreaterThan(position);
                        Event event = streamed.event();
                        assertThat(event.seq()).as("event after seq %s of %s", lastSeq.get(event.executionId()),
                                event.executionId()).isEqualTo(lastSeq.getOrDefault(event.executionId(), 0L) + 1);
                        lastSeq.put(event.executionId(), event.seq());
                        position = at;
                        seen++;
                    }
                    assertThat(!allNumbered || seen == expected).as("numbered all, streamed %s", seen).isTrue();
                }
                return seen;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < EVENTS_PER_WRITER; i++) {
                        for (Execution run : runs) {
                            record(t, run.id(), "writer." + writer);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            numbering.get();
            assertThat(reader.get()).isEqualTo(expected);
        }
        assertThat(lastSeq).hasSize(runs.size()).allSatisfy((id, last) -> assertThat(last).isEqualTo(1L + WRITERS * EVENTS_PER_WRITER));
    }

    @AcrossDatabases
    void an_org_stream_filters_by_workflow_execution_and_type_prefix_and_shows_only_its_org(TestPlane t) {
        Execution flow = EventServiceTest.execution(t, "flow");
        Execution other = EventServiceTest.execution(t, "other-flow");
        record(t, flow.id(), "step.done");
        record(t, flow.id(), "llm.call");
        record(t, other.id(), "step_x");
        record(t, other.id(), "step.done");
        EventSequencer sequencer = new EventSequencer();
        while (t.database().inTransaction(sequencer::assignPositions) > 0) {
            // all numbered
        }

        assertThat(types(t, new StreamFilter(null, null, null)))
                .containsExactlyInAnyOrder("execution.started", "step.done", "llm.call", "execution.started", "step_x", "step.done");
        assertThat(types(t, new StreamFilter("flow", null, null))).containsExactly("execution.started", "step.done", "llm.call");
        assertThat(types(t, new StreamFilter(null, other.id(), "step."))).containsExactly("step.done");
        assertThat(types(t, new StreamFilter(null, null, "step_"))).containsExactly("step_x");
        assertThat(t.plane().events().stream(t.otherOrg(), StreamFilter.ALL, 0, 1000)).isEmpty();
        long head = t.plane().events().streamHead();
        assertThat(t.plane().events().stream(t.actor(), StreamFilter.ALL, head, 1000)).isEmpty();
        assertThatThrownBy(() -> new StreamFilter(null, null, "Step%")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new StreamFilter(null, "nope", null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> StreamedEvent.positionOf("after", "-1")).isInstanceOf(InvalidInputException.class);
    }

    private static List<String> types(TestPlane t, StreamFilter filter) {
        return t.plane().events().stream(t.actor(), filter, 0, 1000).stream().map(e -> e.event().type()).toList();
    }
}
