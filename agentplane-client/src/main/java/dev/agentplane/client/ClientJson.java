package dev.agentplane.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentplane.client.internal.Json;

/**
 * The SDK's records as the JSON of the API (snake_case, ISO-8601 times), e.g. for {@code --output json}: a record
 * written here reads like the server's own answer.
 */
public final class ClientJson {
    private ClientJson() {}

    public static JsonNode tree(Object value) {
        return Json.MAPPER.valueToTree(value);
    }

    public static String write(Object value) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads API JSON into one of the SDK's records. */
    public static <T> T read(JsonNode json, Class<T> type) {
        return Json.convert(json, type);
    }

    /** A copy of the mapper, to configure further. */
    public static ObjectMapper mapper() {
        return Json.MAPPER.copy();
    }
}
