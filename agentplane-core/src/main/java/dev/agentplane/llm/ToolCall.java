package dev.agentplane.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** The model asks to run tool {@code name} with {@code arguments} (a JSON object); {@code id} pairs it with its result. */
public record ToolCall(String id, String name, JsonNode arguments) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }
}
