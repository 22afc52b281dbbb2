package dev.agentplane.teams.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool a team's agents may call: a name and description the model reads, a JSON Schema for its arguments, and
 * a run that never throws for what the model got wrong — a denied command, an escaping path, a bad argument come
 * back as an error result the model can read and correct. Exceptions are for the run itself failing (interrupted).
 */
public interface AgentTool {
    /** The name the model calls it by: letters, digits, '_' and '-' (provider rules), e.g. {@code terminal}. */
    String name();

    String description();

    /** A JSON Schema of {@code type: object} describing the arguments. */
    JsonNode parameters();

    ToolResult run(JsonNode arguments, ToolContext context) throws InterruptedException;
}
