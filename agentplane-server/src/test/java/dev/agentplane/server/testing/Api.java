package dev.agentplane.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.server.AgentPlaneServer;
import dev.agentplane.testing.DatabaseKind;
import dev.agentplane.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An HTTP client for API tests. Every response is checked against openapi.yaml (status documented, body
 * matching the schema) and counted toward contract coverage.
 */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final DatabaseKind kind;
    private final String baseUrl;
    private final String key;
    private final MutableClock clock;
    private final AgentPlaneServer server;

    Api(DatabaseKind kind, String baseUrl, String key, MutableClock clock, AgentPlaneServer server) {
        this.kind = kind;
        this.baseUrl = baseUrl;
        this.key = key;
        this.clock = clock;
        this.server = server;
    }

    /** The same server, authenticating with another key (null: no Authorization header). */
    public Api as(String otherKey) {
        return new Api(kind, baseUrl, otherKey, clock, server);
    }

    /** A key of the given role in the admin's org. */
    public String newKey(String role) {
        return post("/v1/keys", Json.object().put("name", role + "-" + unique()).put("role", role))
                .expect(201).body().get("key").asText();
    }

    /** The admin of a new organization (this must be an instance admin's client), to show tenants stay apart. */
    public Api inNewOrg() {
        return as(post("/v1/orgs", Json.object().put("name", "org-" + unique())).expect(201).body()
                .get("admin_key").get("key").asText());
    }

    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public DatabaseKind kind() { return kind; }
    public MutableClock clock() { return clock; }
    public String baseUrl() { return baseUrl; }
    public String key() { return key; }
    public AgentPlaneServer server() { return server; }

    public ApiResponse get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public ApiResponse delete(String path, String... headers) {
        return send("DELETE", path, null, null, headers);
    }

    public ApiResponse post(String path, Object body, String... headers) {
        return send("POST", path, json(body), "application/json", headers);
    }

    public ApiResponse put(String path, Object body, String... headers) {
        return send("PUT", path, json(body), "application/json", headers);
    }

    public ApiResponse patch(String path, Object body, String... headers) {
        return send("PATCH", path, json(body), "application/json", headers);
    }

    /** Sends a raw body (malformed JSON, YAML, oversized payloads) with the given content type. */
    public ApiResponse send(String method, String path, String body, String contentType, String... headers) {
        return sendBody(method, path, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                contentType, headers);
    }

    /** Sends raw bytes as the body (invalid UTF-8, binary garbage) with the given content type. */
    public ApiResponse sendBytes(String method, String path, byte[] body, String contentType, String... headers) {
        return sendBody(method, path, HttpRequest.BodyPublishers.ofByteArray(body), contentType, headers);
    }

    /** Posts a body with chunked transfer encoding: no Content-Length announces its size. */
    public ApiResponse postChunked(String path, byte[] body) {
        return sendBody("POST", path, HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)),
                "application/json");
    }

    private ApiResponse sendBody(String method, String path, HttpRequest.BodyPublisher body, String contentType,
                             String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            ApiResponse result = new ApiResponse(method, path, response.statusCode(), response.headers(), response.body());
            ContractValidator.instance().check(result);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET with {@code Accept: text/event-stream}: the Server-Sent Events of {@code path}, read as they come. */
    public EventStream events(String path, String... headers) {
        return EventStream.open(baseUrl, key, path, headers);
    }

    /** The WebSocket {@code /v1/stream} with this key in the Authorization header; {@code query} e.g. "?type=step.". */
    public StreamSocket stream(String query) {
        return StreamSocket.connect(baseUrl, query, builder -> key == null ? builder
                : builder.header("Authorization", "Bearer " + key));
    }

    /** The WebSocket {@code /v1/stream} authenticated as a browser must: subprotocols agentplane.v1 and bearer.<key>. */
    public StreamSocket streamAsBrowser(String query) {
        return StreamSocket.connect(baseUrl, query, builder -> builder.subprotocols("agentplane.v1", "bearer." + key));
    }

    /** Follows next_cursor until the last page and returns every item. */
    public List<JsonNode> listAll(String path) {
        List<JsonNode> items = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        String cursor = null;
        do {
            JsonNode page = get(path + (cursor == null ? "" : separator + "cursor=" + cursor)).expect(200).body();
            page.get("items").forEach(items::add);
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        return items;
    }

    private static String json(Object body) {
        if (body == null) {
            return null;
        }
        return body instanceof String text ? text : Json.write(body);
    }
}
