package dev.agentplane.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.regex.Pattern;

/** A tool the model may call; {@code parameters} is the JSON Schema (type object) of its arguments. */
public record ToolDefinition(String name, String description, JsonNode parameters) {
    // The stricter of the two providers' rules (OpenAI: ^[a-zA-Z0-9_-]{1,64}$, Anthropic the same).
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name '" + name + "' must be 1-64 letters, digits, _ or -");
        }
        if (parameters == null || !parameters.isObject() || !"object".equals(parameters.path("type").asText())) {
            throw new IllegalArgumentException("tool '" + name + "' parameters must be a JSON Schema of type object");
        }
    }
}
