package dev.agentplane.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.problems.PayloadTooLargeException;
import java.nio.charset.StandardCharsets;

/** Caps on the free-form JSON values requests carry (inputs, outputs, event data, contexts, results). */
public final class JsonLimits {
    public static final int MAX_VALUE_BYTES = 1024 * 1024;

    private JsonLimits() {}

    /** 413 naming {@code field} when its serialized JSON exceeds {@link #MAX_VALUE_BYTES}. */
    public static void check(String field, JsonNode value) {
        String text = Json.writeNullable(value);
        if (text != null && text.length() > MAX_VALUE_BYTES / 4) {
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_VALUE_BYTES) {
                throw new PayloadTooLargeException(field, MAX_VALUE_BYTES, bytes);
            }
        }
    }
}
