package dev.agentplane.client;

import dev.agentplane.client.internal.Json;
import dev.agentplane.client.model.StreamedEvent;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/** The {@code /v1/stream} WebSocket read as an iterator of events; messages wait in a queue until taken. */
final class EventSocket implements Iterator<StreamedEvent>, WebSocket.Listener, AutoCloseable {
    private static final Object END = new Object();
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private Object next;
    private boolean ended;

    private EventSocket() {}

    static EventSocket open(Transport transport, Query filters) {
        EventSocket events = new EventSocket();
        String target = transport.target("/v1/stream", filters);
        URI uri = URI.create(transport.uri(target).toString().replaceFirst("^http", "ws"));
        WebSocket.Builder builder = transport.http().newWebSocketBuilder();
        if (transport.apiKey() != null) {
            builder.header("Authorization", "Bearer " + transport.apiKey());
        }
        transport.sign("GET", target, new byte[0], builder::header);
        try {
            events.socket = builder.buildAsync(uri, events).join();
        } catch (CompletionException e) {
            throw new AgentPlaneException.ConnectionFailed("cannot open the event stream " + uri.getPath() + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
        return events;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            queue.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        queue.add(END);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        queue.add(error);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                next = END;
            }
            if (next == END) {
                ended = true;
                next = null;
            } else if (next instanceof Throwable error) {
                ended = true;
                next = null;
                throw new AgentPlaneException.ConnectionFailed("the event stream failed: " + error.getMessage(), error);
            }
        }
        return next != null;
    }

    @Override
    public StreamedEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String text = (String) next;
        next = null;
        return Json.read(text.getBytes(StandardCharsets.UTF_8), Json.MAPPER.constructType(StreamedEvent.class));
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        }
        if (socket != null) {
            socket.abort();
        }
        ended = true;
    }
}
