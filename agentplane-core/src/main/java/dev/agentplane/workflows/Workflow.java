package dev.agentplane.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One immutable version of a workflow: the parsed definition and the text it was submitted as. */
public record Workflow(String id, String name, int version, String description, boolean active, JsonNode definition,
                       String source, Instant createdAt) {

    public Workflow deactivated() {
        return new Workflow(id, name, version, description, false, definition, source, createdAt);
    }
}
