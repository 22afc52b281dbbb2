package dev.agentplane.client;

import dev.agentplane.client.internal.Json;
import dev.agentplane.client.internal.SseParser;
import dev.agentplane.client.model.Event;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Reads an execution's Server-Sent Events, reconnecting after the last event received ({@code Last-Event-ID}) when
 * the connection drops before the final event, and ending once the server closes the stream after that event.
 */
final class ExecutionEventStream implements Iterator<Event>, AutoCloseable {
    static final Set<String> FINAL_TYPES = Set.of("execution.completed", "execution.failed", "execution.cancelled");
    private static final int MAX_RECONNECTS = 5;

    private final Transport transport;
    private final String path;
    private String lastEventId;
    private InputStream body;
    private SseParser parser;
    private Event next;
    private boolean sawFinal;
    private boolean done;
    private int failures;

    ExecutionEventStream(Transport transport, String path, long afterSeq) {
        this.transport = transport;
        this.path = path;
        this.lastEventId = afterSeq > 0 ? String.valueOf(afterSeq) : null;
    }

    @Override
    public boolean hasNext() {
        while (next == null && !done) {
            if (parser == null) {
                connect();
            }
            SseParser.Message message;
            try {
                message = parser.next();
            } catch (IOException dropped) {
                message = null;
            }
            if (message == null) {
                disconnect();
                if (sawFinal) {
                    done = true;
                } else {
                    reconnectLater();
                }
                continue;
            }
            failures = 0;
            if (message.id() != null) {
                lastEventId = message.id();
            }
            Event event = Json.read(message.data().getBytes(StandardCharsets.UTF_8), Json.MAPPER.constructType(Event.class));
            sawFinal = FINAL_TYPES.contains(event.type());
            next = event;
        }
        return next != null;
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Event event = next;
        next = null;
        return event;
    }

    private void connect() {
        Call call = Call.get(path).accept("text/event-stream").header("Last-Event-ID", lastEventId)
                .waitingUpTo(Duration.ofDays(1));
        HttpResponse<InputStream> response = transport.open(call);
        body = response.body();
        parser = new SseParser(body);
    }

    private void reconnectLater() {
        if (++failures > MAX_RECONNECTS) {
            done = true;
            throw new AgentPlaneException.ConnectionFailed("the event stream " + path + " kept dropping ("
                    + MAX_RECONNECTS + " reconnects in a row)", null);
        }
        try {
            Thread.sleep(Math.min(5000, 100L << failures));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = true;
            throw new AgentPlaneException.ConnectionFailed("interrupted while reconnecting to " + path, e);
        }
    }

    private void disconnect() {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // closing a dropped stream
            }
        }
        parser = null;
        body = null;
    }

    @Override
    public void close() {
        done = true;
        disconnect();
    }
}
