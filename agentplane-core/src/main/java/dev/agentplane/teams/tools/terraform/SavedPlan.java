package dev.agentplane.teams.tools.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.teams.tools.ToolResult;

/** A plan the terraform tool saved, as {@code terraform show -json} prints it, or the error result saying why not. */
public sealed interface SavedPlan {
    record Shown(String name, JsonNode json) implements SavedPlan {}

    record Unavailable(ToolResult error) implements SavedPlan {}
}
