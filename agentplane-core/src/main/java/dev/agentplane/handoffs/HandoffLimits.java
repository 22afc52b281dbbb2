package dev.agentplane.handoffs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.FieldErrors;
import dev.agentplane.common.problems.PayloadTooLargeException;
import java.nio.charset.StandardCharsets;

/** Bounds on what a handoff carries, so one row cannot grow without limit. */
final class HandoffLimits {
    static final int MAX_TEXT = 10_000;
    static final int MAX_JSON_BYTES = 1024 * 1024;

    private HandoffLimits() {}

    static void object(FieldErrors errors, String pointer, JsonNode value) {
        if (value != null && !value.isNull() && !value.isObject()) {
            errors.add(pointer, "is not a JSON object", "send " + pointer.substring(1)
                    + " as an object, e.g. {\"ticket\": \"T-42\"}");
        }
    }

    static void size(String what, JsonNode value) {
        if (value != null && !value.isNull()) {
            int bytes = Json.write(value).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_JSON_BYTES) {
                throw new PayloadTooLargeException(what, MAX_JSON_BYTES, bytes);
            }
        }
    }
}
