package dev.agentplane.state;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import java.time.Instant;

/**
 * One state entry. {@code value} is the JSON text exactly as stored and is written into responses as raw JSON,
 * so a read never re-parses it.
 */
public record StateEntry(String namespace, String key, @JsonRawValue String value, long version, Instant expiresAt,
                         Instant createdAt, Instant updatedAt) {

    /** The value parsed, for callers inside the server (the engine's state steps, tests). */
    public JsonNode valueNode() {
        return Json.parse(value);
    }

    /** The version as an HTTP entity tag: quoted, e.g. {@code "3"}. */
    public String etag() {
        return StateCondition.etag(version);
    }
}
