package dev.agentplane.tools;

import com.fasterxml.jackson.databind.JsonNode;

/** Something a step can call by name, with JSON in and JSON out; failures are {@code StepFailure}s. */
public interface Tool {
    String name();

    String description();

    JsonNode call(JsonNode input, ToolCall call) throws InterruptedException;
}
