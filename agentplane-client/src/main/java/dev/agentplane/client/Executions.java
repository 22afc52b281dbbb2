package dev.agentplane.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.client.internal.Json;
import dev.agentplane.client.model.CompleteExecution;
import dev.agentplane.client.model.DeadLetter;
import dev.agentplane.client.model.Event;
import dev.agentplane.client.model.Execution;
import dev.agentplane.client.model.FailExecution;
import dev.agentplane.client.model.NewExecutionEvent;
import dev.agentplane.client.model.Page;
import dev.agentplane.client.model.StartExecution;
import dev.agentplane.client.model.StepRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Executions of workflows: start, follow, drive and inspect them: {@code client.executions()}. */
public final class Executions {
    /** Statuses after which an execution does nothing more on its own. */
    public static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");
    private final Transport transport;

    Executions(Transport transport) {
        this.transport = transport;
    }

    /** Starts an execution under a fresh Idempotency-Key, so the automatic retries never start two. */
    public Execution start(StartExecution request) {
        return start(request, UUID.randomUUID().toString());
    }

    /**
     * Starts an execution unless one was already started with {@code idempotencyKey} (then that one is returned):
     * repeat a start after a crash with the same key and it runs once.
     */
    @Operation("startExecution")
    public Execution start(StartExecution request, String idempotencyKey) {
        return transport.send(Call.post("/v1/executions").json(request).header("Idempotency-Key", idempotencyKey),
                Execution.class);
    }

    public Paged<Execution> list() {
        return list(Query.NONE);
    }

    /** Filters: {@code workflow}, {@code agent_id}, {@code status}, {@code from}, {@code to}; {@code limit}, {@code cursor}. */
    @Operation("listExecutions")
    public Paged<Execution> list(Query query) {
        return transport.paged(Call.get("/v1/executions").query(query), Execution.class);
    }

    @Operation("getExecution")
    public Execution get(String executionId) {
        return transport.send(Call.get(Call.path("v1", "executions", executionId)), Execution.class);
    }

    /**
     * Polls until the execution is completed, failed or cancelled and returns it; {@link AgentPlaneException.WaitTimedOut}
     * after {@code timeout}.
     */
    public Execution waitFor(String executionId, Duration timeout) {
        // With a signed key two identical requests in one second would be a replay, so poll at most once a second.
        Duration poll = transport.signs() ? Duration.ofMillis(1100) : Duration.ofMillis(250);
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Execution execution = get(executionId);
            if (FINISHED.contains(execution.status())) {
                return execution;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AgentPlaneException.WaitTimedOut("execution " + executionId + " is still " + execution.status()
                        + " after " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentPlaneException.ConnectionFailed("interrupted while waiting for execution " + executionId, e);
            }
        }
    }

    /** Records an event on the execution (an external runner reporting progress, model usage...). */
    @Operation("createExecutionEvent")
    public Event recordEvent(String executionId, NewExecutionEvent event) {
        return transport.send(Call.post(Call.path("v1", "executions", executionId, "events")).json(event), Event.class);
    }

    /** Its events in {@code seq} order, as pages. */
    public Paged<Event> events(String executionId) {
        return events(executionId, Query.NONE);
    }

    /** Filters: {@code after_seq}; and {@code limit}, {@code cursor}. */
    @Operation("listExecutionEvents")
    public Paged<Event> events(String executionId, Query query) {
        return transport.paged(Call.get(Call.path("v1", "executions", executionId, "events")).query(query), Event.class);
    }

    /**
     * Its events as they are committed (Server-Sent Events): those stored first, then new ones, ending after the
     * final one ({@code execution.completed}, {@code .failed} or {@code .cancelled}). A dropped connection is resumed
     * with {@code Last-Event-ID}, so no event is lost or repeated. Close the stream to stop early.
     */
    public Stream<Event> stream(String executionId) {
        return stream(executionId, 0);
    }

    /** As {@link #stream(String)}, starting after the event with {@code seq == afterSeq}. */
    @Operation("listExecutionEvents")
    public Stream<Event> stream(String executionId, long afterSeq) {
        ExecutionEventStream events = new ExecutionEventStream(transport, Call.path("v1", "executions", executionId, "events"),
                afterSeq);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(events, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(events::close);
    }

    /** Marks an execution driven from outside (a team run of the CLI...) completed. */
    @Operation("completeExecution")
    public Execution complete(String executionId, CompleteExecution completion) {
        return transport.send(Call.post(Call.path("v1", "executions", executionId, "complete")).json(completion),
                Execution.class);
    }

    /** Marks an execution driven from outside failed. */
    @Operation("failExecution")
    public Execution fail(String executionId, FailExecution failure) {
        return transport.send(Call.post(Call.path("v1", "executions", executionId, "fail")).json(failure), Execution.class);
    }

    /** Cancels it; {@code reason} may be null. */
    @Operation("cancelExecution")
    public Execution cancel(String executionId, String reason) {
        return transport.send(Call.post(Call.path("v1", "executions", executionId, "cancel"))
                .json(reason == null ? Map.of() : Map.of("reason", reason)), Execution.class);
    }

    /** Every attempt of every step, in order. */
    @Operation("listExecutionSteps")
    public List<StepRun> steps(String executionId) {
        JavaType type = Json.MAPPER.getTypeFactory().constructParametricType(Page.class, StepRun.class);
        Page<StepRun> page = Json.read(transport.exchange(Call.get(Call.path("v1", "executions", executionId, "steps"))).body(),
                type);
        return page.items();
    }

    @Operation("pauseExecution")
    public Execution pause(String executionId) {
        return transport.send(Call.post(Call.path("v1", "executions", executionId, "pause")), Execution.class);
    }

    @Operation("resumeExecution")
    public Execution resume(String executionId) {
        return transport.send(Call.post(Call.path("v1", "executions", executionId, "resume")), Execution.class);
    }

    /** Runs a failed execution again from the step it failed at. */
    @Operation("retryExecution")
    public Execution retry(String executionId) {
        return transport.send(Call.post(Call.path("v1", "executions", executionId, "retry")), Execution.class);
    }

    /** Starts a new execution with the same workflow version and input. */
    @Operation("replayExecution")
    public Execution replay(String executionId) {
        return transport.send(Call.post(Call.path("v1", "executions", executionId, "replay")), Execution.class);
    }

    /** Failed executions with the step each failed at. */
    @Operation("listDeadLetters")
    public Paged<DeadLetter> deadLetters() {
        return transport.paged(Call.get("/v1/dead-letters"), DeadLetter.class);
    }

    /**
     * Executions with their events and statistics ({@code items}, {@code stats}, {@code next_cursor}); the filters
     * of {@link #list(Query)}.
     */
    @Operation("observeExecutions")
    public JsonNode observe(Query query) {
        return transport.sendForTree(Call.get("/v1/observe").query(query));
    }
}
