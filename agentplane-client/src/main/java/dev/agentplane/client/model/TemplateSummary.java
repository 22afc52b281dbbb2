package dev.agentplane.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A workflow template as listed. */
public record TemplateSummary(
        String name,
        String description,
        JsonNode inputs,
        List<String> stepTypes) {
}
