package dev.agentplane.teams.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Names;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A team of agents as its file defines it (Plagentic's format plus AgentPlane's extensions), with defaults
 * applied. {@code config} is Plagentic's free-form map (e.g. {@code enable_logging}); {@code mcpServers} and the
 * per-tool {@code tools} settings are kept as written for the MCP client and the tools to read; {@code mergeAgent}
 * is set only for {@link TeamProcess#PARALLEL}, {@code manager} only for {@link TeamProcess#HIERARCHICAL}.
 */
public record TeamDefinition(String name, String description, String version, int maxSteps, ModelSettings model,
                             ObjectNode config, List<AgentDefinition> agents, TeamProcess process, JsonNode mcpServers,
                             boolean memory, Map<String, JsonNode> tools, String mergeAgent, String manager) {
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_STEPS_LIMIT = 1000;
    public static final int DEFAULT_MAX_STEPS = 20;

    public TeamDefinition {
        if (name == null || name.length() > MAX_NAME_LENGTH || !Names.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a team name must match " + Names.NAME.pattern() + " (at most "
                    + MAX_NAME_LENGTH + " characters), not '" + name + "'");
        }
        checkMaxSteps(maxSteps);
        config = config == null ? JsonNodeFactory.instance.objectNode() : config.deepCopy();
        agents = List.copyOf(agents);
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("team '" + name + "' has no agents");
        }
        Set<String> names = new HashSet<>();
        agents.forEach(agent -> {
            if (!names.add(agent.name())) {
                throw new IllegalArgumentException("team '" + name + "' has two agents named '" + agent.name() + "'");
            }
        });
        Objects.requireNonNull(process, "process");
        mcpServers = mcpServers == null || mcpServers.isNull() ? null : mcpServers.deepCopy();
        Map<String, JsonNode> settings = new LinkedHashMap<>();
        tools.forEach((tool, value) -> settings.put(tool, value.deepCopy()));
        tools = Collections.unmodifiableMap(settings);
        checkRole("merge_agent", mergeAgent, process == TeamProcess.PARALLEL, names);
        checkRole("manager", manager, process == TeamProcess.HIERARCHICAL, names);
    }

    /** The member named {@code name}. */
    public Optional<AgentDefinition> agent(String name) {
        return agents.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The settings written under {@code tools.<tool>}, if any. */
    public Optional<JsonNode> toolSettings(String tool) {
        return Optional.ofNullable(tools.get(tool));
    }

    static void checkMaxSteps(int maxSteps) {
        if (maxSteps < 1 || maxSteps > MAX_STEPS_LIMIT) {
            throw new IllegalArgumentException("max_steps must be between 1 and " + MAX_STEPS_LIMIT + ", not " + maxSteps);
        }
    }

    private static void checkRole(String field, String agent, boolean expected, Set<String> agents) {
        if (expected && (agent == null || !agents.contains(agent))) {
            throw new IllegalArgumentException(field + " must name one of the agents " + agents + ", not '" + agent + "'");
        }
        if (!expected && agent != null) {
            throw new IllegalArgumentException(field + " is set but the process does not use one");
        }
    }
}
