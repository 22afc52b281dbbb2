package dev.agentplane.teams.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads one entry of {@code agents:}, applying the team's model, max_steps and memory where the agent sets none. */
final class AgentReader {
    static final List<String> FIELDS =
            List.of("name", "role", "description", "system_prompt", "tools", "model", "max_steps", "memory");

    private final Fields fields;
    private final TeamSource source;

    AgentReader(Fields fields) {
        this.fields = fields;
        this.source = fields.source();
    }

    /**
     * The agent at {@code pointer}, or null when it has an error. {@code seen} maps the lower-cased names of the
     * agents before it to their pointers, so a repeated name is reported with where it was first used.
     */
    AgentDefinition read(String pointer, ModelSettings teamModel, int teamMaxSteps, boolean teamMemory,
                         Map<String, String> seen) {
        JsonNode node = source.node(pointer);
        if (node == null || !node.isObject()) {
            source.error(pointer, "must be a mapping with name, role, description, system_prompt and tools, not "
                    + (node == null ? "empty" : Fields.describe(node)));
            return null;
        }
        fields.onlyKnown(pointer, node, FIELDS, "an agent");
        String name = name(pointer + "/name", seen);
        String role = fields.text(pointer + "/role");
        String description = fields.text(pointer + "/description");
        String systemPrompt = fields.text(pointer + "/system_prompt");
        List<String> tools = tools(pointer + "/tools");
        ModelSettings model = ModelReader.agent(fields, pointer + "/model", teamModel);
        Integer maxSteps = fields.wholeNumber(pointer + "/max_steps", 1, TeamDefinition.MAX_STEPS_LIMIT);
        Boolean memory = fields.bool(pointer + "/memory");
        if (name == null || tools == null || (model == null && node.hasNonNull("model"))) {
            return null;
        }
        return new AgentDefinition(name, role, description, systemPrompt, tools, model,
                maxSteps != null ? maxSteps : teamMaxSteps, memory != null ? memory : teamMemory);
    }

    private String name(String pointer, Map<String, String> seen) {
        String name = fields.requiredText(pointer, "name: Planner");
        if (name == null) {
            return null;
        }
        if (name.length() > AgentDefinition.MAX_NAME_LENGTH) {
            source.error(pointer, "is " + name.length() + " characters long; the maximum is " + AgentDefinition.MAX_NAME_LENGTH);
            return null;
        }
        // Agents hand over to each other by name, as a model writes it: names differing only in case would be ambiguous.
        String first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), pointer);
        if (first != null) {
            source.error(pointer, "'" + name + "' is already the name of " + FieldPath.of(first.substring(0,
                    first.lastIndexOf('/')), null) + "; give each agent its own name");
            return null;
        }
        return name;
    }

    /** The tool names as written; names the runner does not implement are warnings, not errors. */
    private List<String> tools(String pointer) {
        JsonNode list = fields.list(pointer, "[terminal, file]");
        if (list == null) {
            return source.node(pointer) == null ? List.of() : null;
        }
        List<String> tools = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < list.size(); i++) {
            String at = pointer + "/" + i;
            String tool = fields.text(at);
            if (tool == null || tool.isBlank()) {
                if (tool != null || list.get(i).isNull()) {
                    source.error(at, "is empty; write a tool name such as terminal");
                }
                valid = false;
            } else if (tools.contains(tool)) {
                source.error(at, "'" + tool + "' is listed twice; list each tool once");
                valid = false;
            } else if (tool.equals(ToolNames.MCP_PREFIX)) {
                source.error(at, "'mcp:' names no server; write mcp:<server> for one server's tools, or mcp for all");
                valid = false;
            } else {
                if (!ToolNames.isAvailable(tool)) {
                    source.warning(at, "'" + tool + "' is not a tool AgentPlane provides; it will not be offered to the agent"
                            + NearMatch.suggestion(tool, ToolNames.BUILT_IN));
                }
                tools.add(tool);
            }
        }
        return valid ? tools : null;
    }
}
