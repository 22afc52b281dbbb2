package dev.agentplane.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.problems.FieldErrors;

/**
 * The body of a put. {@code value} may be any JSON, including an explicit {@code null} (stored as null);
 * only a missing {@code value} is an error. Without {@code ttlSeconds} the entry never expires, even if an
 * earlier put gave it a TTL: a put replaces the whole entry.
 */
public record PutStateRequest(JsonNode value, Integer ttlSeconds) {

    public void validate() {
        FieldErrors errors = new FieldErrors()
                .required("/value", value, "send the value to store, e.g. {\"value\": {\"step\": 3}}; "
                        + "to store JSON null send {\"value\": null}");
        if (ttlSeconds != null && ttlSeconds < 1) {
            errors.add("/ttl_seconds", "is " + ttlSeconds + "; the minimum is 1",
                    "send a number of seconds of at least 1, or leave ttl_seconds out for an entry that never expires");
        }
        errors.throwIfAny();
    }
}
