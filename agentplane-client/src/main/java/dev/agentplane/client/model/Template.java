package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A workflow template with its source. */
public record Template(
        String name,
        String description,
        JsonNode inputs,
        List<String> stepTypes,
        String source,
        JsonNode definition) {
}
