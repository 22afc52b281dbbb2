package dev.agentplane.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A declared input: its JSON type, whether it must be given, and its default. */
public record InputSpec(String type, boolean required, JsonNode defaultValue, String description) {
    public static final List<String> TYPES = List.of("string", "number", "integer", "boolean", "object", "array", "any");
}
