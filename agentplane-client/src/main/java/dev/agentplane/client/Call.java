package dev.agentplane.client;

import dev.agentplane.client.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request to make: method, path (segments already encoded), query, body and extra headers. */
final class Call {
    final String method;
    final String path;
    Query query = Query.NONE;
    byte[] body;
    String contentType;
    String accept = "application/json";
    final Map<String, String> headers = new LinkedHashMap<>();
    Duration extraTimeout = Duration.ZERO;

    private Call(String method, String path) {
        this.method = method;
        this.path = path;
    }

    static Call get(String path) { return new Call("GET", path); }
    static Call post(String path) { return new Call("POST", path); }
    static Call put(String path) { return new Call("PUT", path); }
    static Call patch(String path) { return new Call("PATCH", path); }
    static Call delete(String path) { return new Call("DELETE", path); }

    /** A path from segments, each percent-encoded: {@code path("v1", "state", ns, key)}. */
    static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (segment == null || segment.isEmpty()) {
                throw new IllegalArgumentException("an id or name in the path is missing (" + String.join("/", segments) + ")");
            }
            path.append('/').append(Query.encode(segment));
        }
        return path.toString();
    }

    Call query(Query query) {
        this.query = query == null ? Query.NONE : query;
        return this;
    }

    Call json(Object body) {
        this.body = Json.bytes(body);
        this.contentType = "application/json";
        return this;
    }

    Call text(String body, String contentType) {
        this.body = body.getBytes(StandardCharsets.UTF_8);
        this.contentType = contentType;
        return this;
    }

    Call header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    Call accept(String accept) {
        this.accept = accept;
        return this;
    }

    /** A long poll: the request may take this much longer than the client's usual timeout. */
    Call waitingUpTo(Duration wait) {
        this.extraTimeout = wait;
        return this;
    }

    /** Repeating the call after a lost connection cannot do anything twice. */
    boolean safeToRepeat() {
        return method.equals("GET") || method.equals("PUT") || method.equals("DELETE") || headers.containsKey("Idempotency-Key");
    }

    @Override
    public String toString() {
        String q = query.encoded();
        return method + " " + path + (q.isEmpty() ? "" : "?" + q);
    }
}
