package dev.agentplane.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A ready-made workflow definition (one of the patterns in examples/workflows/templates): its source text, the
 * same parsed into JSON, and what a browser of templates shows first (description, inputs, the step types used).
 */
public record WorkflowTemplate(String name, String description, JsonNode inputs, List<String> stepTypes, String source,
                               JsonNode definition) {

    public Summary summary() {
        return new Summary(name, description, inputs, stepTypes);
    }

    /** A template as listed. */
    public record Summary(String name, String description, JsonNode inputs, List<String> stepTypes) {}
}
