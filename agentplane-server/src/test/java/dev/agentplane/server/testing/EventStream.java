package dev.agentplane.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Server-Sent Events response read as it arrives. Its status and headers are checked against openapi.yaml like
 * any response, and each event's data against the Event schema; a wait longer than 20 s for the next line fails.
 */
public final class EventStream implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** One event: its id (the seq), its event name (the type) and its data. */
    public record ServerSentEvent(String id, String event, JsonNode data) {}

    private final ApiResponse response;
    private final Stream<String> body;
    private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
    private final List<String> comments = new ArrayList<>();
    private boolean ended;

    private EventStream(ApiResponse response, Stream<String> body) {
        this.response = response;
        this.body = body;
        if (body != null) {
            Thread.ofVirtual().start(() -> {
                try {
                    body.forEach(line -> lines.add(Optional.of(line)));
                } catch (UncheckedIOException closed) {
                    // closed by the test
                } finally {
                    lines.add(Optional.empty());
                }
            });
        }
    }

    static EventStream open(String baseUrl, String key, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET()
                .header("Accept", "text/event-stream");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            boolean streaming = response.statusCode() == 200;
            String text = streaming ? "" : response.body().collect(Collectors.joining("\n"));
            ApiResponse head = new ApiResponse("GET", path, response.statusCode(), response.headers(), text);
            ContractValidator.instance().check(head);
            return new EventStream(head, streaming ? response.body() : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status and headers (and, unless it streams, the body). */
    public ApiResponse response() {
        return response;
    }

    /** The next event, or null once the server ended the stream. */
    public ServerSentEvent next() {
        String id = null;
        String event = null;
        StringBuilder data = null;
        while (true) {
            String line = nextLine();
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                if (data != null) {
                    JsonNode json = Json.parse(data.toString());
                    ContractValidator.instance().checkSchema("Event", json);
                    return new ServerSentEvent(id, event, json);
                }
            } else if (line.startsWith(":")) {
                comments.add(line);
            } else if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(6));
            }
        }
    }

    /** The next {@code count} events; fails if the stream ends before. */
    public List<ServerSentEvent> next(int count) {
        List<ServerSentEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ServerSentEvent event = next();
            assertThat(event).as("event %s of %s (got %s)", i + 1, count, events).isNotNull();
            events.add(event);
        }
        return events;
    }

    /** Every event until the server ends the stream. */
    public List<ServerSentEvent> rest() {
        List<ServerSentEvent> events = new ArrayList<>();
        for (ServerSentEvent event = next(); event != null; event = next()) {
            events.add(event);
        }
        return events;
    }

    /** Whether the server has ended the stream (after every event was read). */
    public boolean ended() {
        return ended;
    }

    /** The comment lines (keep-alives) read so far. */
    public List<String> comments() {
        return List.copyOf(comments);
    }

    private String nextLine() {
        if (ended) {
            return null;
        }
        try {
            Optional<String> line = lines.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(line).as("a line of the event stream within %s", PATIENCE).isNotNull();
            ended = line.isEmpty();
            return line.orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Disconnects, as a client that goes away. */
    @Override
    public void close() {
        if (body != null) {
            body.close();
        }
    }
}
