package dev.agentplane.server.events;

import dev.agentplane.common.Json;
import dev.agentplane.common.problems.InvalidInputException;
import dev.agentplane.events.Event;
import dev.agentplane.events.EventFeed;
import dev.agentplane.events.EventService;
import dev.agentplane.executions.Execution;
import dev.agentplane.executions.ExecutionService;
import dev.agentplane.tenancy.Actor;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of one execution as Server-Sent Events: those stored after the starting seq, then new ones as the feed
 * says they were committed, until the execution's last event has been sent. It runs on the request's virtual
 * thread; a client that went away ends it at the next write, a keep-alive at the latest.
 */
final class ExecutionEventStream {
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionEventStream.class);
    private static final int BATCH = 200;
    /** Statuses an execution leaves only by a retry, which its events announce. */
    private static final Set<String> ENDED = Set.of(Execution.COMPLETED, Execution.FAILED, Execution.CANCELLED);

    private final EventService events;
    private final ExecutionService executions;
    private final EventFeed feed;

    ExecutionEventStream(EventService events, ExecutionService executions, EventFeed feed) {
        this.events = events;
        this.executions = executions;
        this.feed = feed;
    }

    static boolean accepted(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/event-stream");
    }

    /** The seq to start after: {@code Last-Event-ID} (a reconnecting client's), else {@code after_seq}, else 0. */
    static Long startAfter(Context ctx) {
        String lastEventId = ctx.header("Last-Event-ID");
        if (lastEventId != null && !lastEventId.isBlank()) {
            return seq("Last-Event-ID", lastEventId.trim());
        }
        String afterSeq = ctx.queryParam("after_seq");
        return afterSeq == null || afterSeq.isEmpty() ? null : seq("after_seq", afterSeq);
    }

    private static long seq(String parameter, String value) {
        try {
            long seq = Long.parseLong(value);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidInputException.parameter(parameter, "'" + value + "' is not an event seq",
                "pass the seq (the SSE id) of the last event received, a whole number from 0");
    }

    void stream(Context ctx, Actor actor, String executionId, long after) {
        Execution execution = executions.get(actor, executionId); // a 404 before anything is sent
        try (EventFeed.Subscription subscription = feed.subscribe(actor.orgId(), executionId)) {
            HttpServletResponse response = ctx.res();
            response.setStatus(200);
            response.setContentType("text/event-stream;charset=utf-8");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no"); // proxies must pass events on as they come
            OutputStream out = response.getOutputStream();
            response.flushBuffer();
            send(out, actor, executionId, after, ENDED.contains(execution.status()), subscription);
        } catch (IOException clientGone) {
            LOG.debug("event stream of execution {} ended: the client went away", executionId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The response is under way and cannot become a problem; the client reconnects with Last-Event-ID.
            LOG.warn("event stream of execution {} failed; ending it", executionId, e);
        }
    }

    /**
     * Sends events after {@code last} until the execution's last one was sent. An execution that had already ended
     * when the stream began ends it as soon as everything stored was sent: its final events were committed with
     * its status, so the reads that follow see them. A paused execution is not ended: the stream waits for it.
     */
    private void send(OutputStream out, Actor actor, String executionId, long last, boolean ending,
                      EventFeed.Subscription subscription) throws IOException, InterruptedException {
        while (subscription.isOpen()) {
            List<Event> batch = events.after(actor, executionId, last, BATCH);
            for (Event event : batch) {
                out.write(("id: " + event.seq() + "\nevent: " + event.type() + "\ndata: " + Json.write(event) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                last = event.seq();
                if (event.aboutExecution()) {
                    ending = event.endsExecution(); // a failed execution that is retried goes on
                }
            }
            out.flush();
            if (batch.size() == BATCH) {
                continue;
            }
            if (ending) {
                return;
            }
            if (!subscription.await(KEEP_ALIVE)) {
                out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }
}
