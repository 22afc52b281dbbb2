package dev.agentplane.teams.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.llm.ToolDefinition;
import java.util.List;

/**
 * Tools that steer the team rather than act on the world: {@code handover} (router: pass the work to another
 * member) and {@code delegate} (hierarchical: the manager gives a member a subtask and gets its answer back).
 */
enum ControlTool {
    HANDOVER("handover", "Hands the task over to another member of the team, who continues from your message; your turn ends.",
            "agent", "message", "what the next member must know: what you did, what is left"),
    DELEGATE("delegate", "Gives a member of the team a subtask and returns that member's answer to you.",
            "agent", "subtask", "the subtask, self-contained");

    final String toolName;
    private final String description;
    private final String agentField;
    private final String textField;
    private final String textDescription;

    ControlTool(String toolName, String description, String agentField, String textField, String textDescription) {
        this.toolName = toolName;
        this.description = description;
        this.agentField = agentField;
        this.textField = textField;
        this.textDescription = textDescription;
    }

    ToolDefinition definition(List<String> agents) {
        JsonNode schema = Json.object().put("type", "object").<com.fasterxml.jackson.databind.node.ObjectNode>set("properties",
                Json.object().<com.fasterxml.jackson.databind.node.ObjectNode>set(agentField, Json.object().put("type", "string")
                                .set("enum", Json.MAPPER.valueToTree(agents)))
                        .set(textField, Json.object().put("type", "string").put("description", textDescription)))
                .set("required", Json.MAPPER.createArrayNode().add(agentField).add(textField));
        return new ToolDefinition(toolName, description + " Members: " + String.join(", ", agents) + ".", schema);
    }

    String agent(JsonNode arguments) {
        return arguments.path(agentField).asText("");
    }

    String text(JsonNode arguments) {
        return arguments.path(textField).asText("");
    }

    static ControlTool named(String name) {
        for (ControlTool tool : values()) {
            if (tool.toolName.equals(name)) {
                return tool;
            }
        }
        return null;
    }
}
