package dev.agentplane.teams.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a tool call came to: {@code content} is the text the model reads (keep it short and informative),
 * {@code error} says the call did not do what was asked (the model should read why and adjust), and {@code data}
 * is the structured result for the run's record (may be null).
 */
public record ToolResult(String content, boolean error, JsonNode data) {
    public static ToolResult ok(String content, JsonNode data) {
        return new ToolResult(content, false, data);
    }

    public static ToolResult ok(String content) {
        return new ToolResult(content, false, null);
    }

    public static ToolResult error(String content) {
        return new ToolResult(content, true, null);
    }
}
