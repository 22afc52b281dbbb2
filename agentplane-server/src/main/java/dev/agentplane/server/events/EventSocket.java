package dev.agentplane.server.events;

import dev.agentplane.common.Json;
import dev.agentplane.events.EventFeed;
import dev.agentplane.events.EventService;
import dev.agentplane.events.StreamFilter;
import dev.agentplane.events.StreamedEvent;
import dev.agentplane.server.http.Queries;
import dev.agentplane.server.http.RequestContext;
import dev.agentplane.tenancy.Actor;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket of {@code GET /v1/stream}: an organization's events that match the filters, each message an event
 * with the cursor to resume after it. One virtual thread per connection reads by stream position and sends; the
 * feed wakes it when new events are numbered. Closing the socket (either side) ends the thread and its subscription.
 */
final class EventSocket {
    private static final Logger LOG = LoggerFactory.getLogger(EventSocket.class);
    private static final String START = "agentplane.stream-start";
    private static final int BATCH = 200;

    private final EventService events;
    private final EventFeed feed;
    private final Map<String, EventFeed.Subscription> open = new ConcurrentHashMap<>();

    EventSocket(EventService events, EventFeed feed) {
        this.events = events;
        this.feed = feed;
    }

    private record Start(Actor actor, StreamFilter filter, long after) {}

    /** Checks the filters and the cursor while a problem can still be the answer. */
    void beforeUpgrade(Context ctx) {
        StreamFilter filter = new StreamFilter(Queries.string(ctx, "workflow"), Queries.string(ctx, "execution_id"),
                Queries.string(ctx, "type"));
        String after = Queries.string(ctx, "after");
        ctx.attribute(START, new Start(RequestContext.actor(ctx), filter,
                after == null ? events.streamHead() : StreamedEvent.positionOf("after", after)));
    }

    void configure(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onClose(ctx -> stop(ctx));
        ws.onError(ctx -> stop(ctx));
    }

    private void connected(WsConnectContext ctx) {
        Start start = ctx.attribute(START);
        ctx.enableAutomaticPings(ExecutionEventStream.KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS);
        EventFeed.Subscription subscription = feed.subscribe(start.actor().orgId(), null);
        open.put(ctx.sessionId(), subscription);
        Thread.ofVirtual().name("event-socket-" + ctx.sessionId()).start(() -> pump(ctx, start, subscription));
    }

    private void stop(WsContext ctx) {
        EventFeed.Subscription subscription = open.remove(ctx.sessionId());
        if (subscription != null) {
            subscription.close();
        }
    }

    private void pump(WsContext ctx, Start start, EventFeed.Subscription subscription) {
        long after = start.after();
        try (subscription) {
            while (subscription.isOpen() && ctx.session.isOpen()) {
                List<StreamedEvent> batch = events.stream(start.actor(), start.filter(), after, BATCH);
                for (StreamedEvent event : batch) {
                    ctx.send(Json.write(event));
                    after = StreamedEvent.positionOf("after", event.cursor());
                }
                if (batch.size() < BATCH) {
                    subscription.await(Duration.ofMinutes(1));
                }
            }
            if (ctx.session.isOpen()) {
                ctx.closeSession(WsCloseStatus.GOING_AWAY, "the server is stopping; reconnect with after=<last cursor>");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (ctx.session.isOpen()) {
                LOG.warn("event socket {} failed; closing it", ctx.sessionId(), e);
                ctx.closeSession(WsCloseStatus.TRY_AGAIN_LATER, "reading events failed; reconnect with after=<last cursor>");
            }
        } finally {
            open.remove(ctx.sessionId());
        }
    }
}
