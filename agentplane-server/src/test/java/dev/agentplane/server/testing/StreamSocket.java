package dev.agentplane.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A client of the WebSocket {@code GET /v1/stream} (java.net.http). Every message is checked against the
 * StreamedEvent schema of openapi.yaml and the handshake's status is counted toward contract coverage; a wait
 * longer than 20 s for a message fails.
 */
public final class StreamSocket implements WebSocket.Listener, AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private StreamSocket() {}

    /** Opens the stream with the query (e.g. "?type=step."), authenticating as {@code authenticate} sets up. */
    static StreamSocket connect(String baseUrl, String query, UnaryOperator<WebSocket.Builder> authenticate) {
        StreamSocket listener = new StreamSocket();
        URI uri = URI.create(baseUrl.replace("http://", "ws://") + "/v1/stream" + query);
        try {
            listener.socket = authenticate.apply(HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)))
                    .buildAsync(uri, listener).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                ContractCoverage.record("streamEvents", refused.getResponse().statusCode());
                throw new Refused(refused.getResponse().statusCode());
            }
            throw e;
        }
        ContractCoverage.record("streamEvents", 101);
        return listener;
    }

    /** The handshake was answered with {@code status} instead of 101. */
    public static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status) {
            super("the WebSocket handshake was answered with " + status);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The subprotocol the server chose, or "" when none was offered. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** The next message; fails when none comes within 20 s. */
    public JsonNode next() {
        try {
            JsonNode message = messages.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within %s", PATIENCE).isNotNull();
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<JsonNode> next(int count) {
        List<JsonNode> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(next());
        }
        return received;
    }

    /** The messages received so far and not yet taken. */
    public List<JsonNode> pending() {
        List<JsonNode> pending = new ArrayList<>();
        messages.drainTo(pending);
        return pending;
    }

    /** Completes with the close code when the server closes the socket. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode message = Json.parse(partial.toString());
            partial.setLength(0);
            ContractValidator.instance().checkSchema("StreamedEvent", message);
            messages.add(message);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Closes from the client's side, as a client that goes away. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
        socket.abort();
    }
}
