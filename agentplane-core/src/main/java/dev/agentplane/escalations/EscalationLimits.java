package dev.agentplane.escalations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.problems.PayloadTooLargeException;
import java.nio.charset.StandardCharsets;

/** Bounds on what an escalation carries, so one row cannot grow without limit. */
final class EscalationLimits {
    static final int MAX_TEXT = 10_000;
    static final int MAX_NAME = 200;
    static final int MAX_JSON_BYTES = 1024 * 1024;

    private EscalationLimits() {}

    static void size(String what, JsonNode value) {
        if (value != null && !value.isNull()) {
            int bytes = Json.write(value).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_JSON_BYTES) {
                throw new PayloadTooLargeException(what, MAX_JSON_BYTES, bytes);
            }
        }
    }
}
