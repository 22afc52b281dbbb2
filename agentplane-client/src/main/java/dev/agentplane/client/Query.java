package dev.agentplane.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Query parameters of a list call, in the names of openapi.yaml: {@code Query.of("capability", "ocr").limit(20)}.
 * Immutable; a null value leaves the parameter out.
 */
public final class Query {
    public static final Query NONE = new Query(Map.of());
    private final Map<String, String> parameters;

    private Query(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    public static Query of(String name, Object value) {
        return NONE.with(name, value);
    }

    public static Query of(String name, Object value, String name2, Object value2) {
        return NONE.with(name, value).with(name2, value2);
    }

    public Query with(String name, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value instanceof Instant instant ? instant.toString() : String.valueOf(value));
        }
        return new Query(Collections.unmodifiableMap(copy));
    }

    /** Page size (1 to 200; the server's default is 50). */
    public Query limit(int limit) {
        return with("limit", limit);
    }

    /** Start at this page: the {@code nextCursor} of the previous one. */
    public Query cursor(String cursor) {
        return with("cursor", cursor);
    }

    public String get(String name) {
        return parameters.get(name);
    }

    public Map<String, String> asMap() {
        return parameters;
    }

    /** {@code a=1&b=x%20y}, or the empty string. */
    public String encoded() {
        StringJoiner joined = new StringJoiner("&");
        parameters.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        return joined.toString();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return encoded();
    }
}
