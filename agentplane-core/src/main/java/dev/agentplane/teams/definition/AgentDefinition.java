package dev.agentplane.teams.definition;

import java.util.HashSet;
import java.util.List;

/**
 * One member of a team, with the team's defaults already applied: {@code model} is the agent's own or the team's
 * (null when neither names one: the configuration's default model is used), {@code maxSteps} and {@code memory}
 * likewise. {@code tools} are the names as written, including ones the runner does not implement; see
 * {@link #offeredTools()}.
 */
public record AgentDefinition(String name, String role, String description, String systemPrompt, List<String> tools,
                              ModelSettings model, int maxSteps, boolean memory) {
    public static final int MAX_NAME_LENGTH = 100;

    public AgentDefinition {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("an agent needs a name of 1 to " + MAX_NAME_LENGTH + " characters");
        }
        tools = List.copyOf(tools);
        if (new HashSet<>(tools).size() != tools.size()) {
            throw new IllegalArgumentException("agent '" + name + "' lists a tool twice: " + tools);
        }
        TeamDefinition.checkMaxSteps(maxSteps);
    }

    /** The tools the runner offers this agent: those of {@link #tools()} it implements, in the order listed. */
    public List<String> offeredTools() {
        return tools.stream().filter(ToolNames::isAvailable).toList();
    }
}
