package dev.agentplane.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Json;
import dev.agentplane.common.JsonInput;
import dev.agentplane.common.problems.InvalidInputException;
import io.javalin.http.Context;

/** Strict request bodies: well-formed JSON objects whose fields all belong to the request type. */
public final class Bodies {
    private Bodies() {}

    /** The body bound to {@code type}; a missing body is an error. */
    public static <T> T required(Context ctx, Class<T> type) {
        return JsonInput.bind(object(ctx, true), type);
    }

    /** The body bound to {@code type}; a missing body counts as {@code {}}. */
    public static <T> T optional(Context ctx, Class<T> type) {
        return JsonInput.bind(object(ctx, false), type);
    }

    /** The body as a JSON object (for merge-style updates). */
    public static ObjectNode object(Context ctx, boolean required) {
        String text = ctx.body();
        if (text.isBlank()) {
            if (required) {
                throw InvalidInputException.body("", "the request body is missing",
                        "send a JSON object with Content-Type: application/json");
            }
            return Json.object();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw InvalidInputException.body("", "is not valid JSON: " + e.getOriginalMessage(),
                    "send a well-formed JSON object (check quotes, commas and brackets)");
        }
        if (!(node instanceof ObjectNode object)) {
            throw InvalidInputException.body("", "is a JSON " + node.getNodeType().name().toLowerCase() + ", not an object",
                    "wrap the fields in a JSON object: {...}");
        }
        return object;
    }
}
