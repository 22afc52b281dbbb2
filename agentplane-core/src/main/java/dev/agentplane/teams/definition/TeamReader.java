package dev.agentplane.teams.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentplane.common.Names;
import dev.agentplane.common.yaml.LocatedYaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the root of a team file: Plagentic's fields, then AgentPlane's extensions, checking each. */
final class TeamReader {
    static final List<String> FIELDS = List.of("$schema", "name", "description", "version", "max_steps", "model",
            "config", "agents", "process", "mcp_servers", "memory", "tools", "merge_agent", "manager");

    private final Fields fields;
    private final TeamSource source;

    TeamReader(TeamSource source) {
        this.source = source;
        this.fields = new Fields(source);
    }

    /** The team, or null when the file has an error (all of them are in the source). */
    TeamDefinition read(JsonNode root) {
        fields.onlyKnown("", root, FIELDS, "a team");
        fields.text("/$schema");
        String name = name();
        String description = fields.text("/description");
        String version = fields.textOrNumber("/version");
        Integer maxSteps = fields.wholeNumber("/max_steps", 1, TeamDefinition.MAX_STEPS_LIMIT);
        int teamMaxSteps = maxSteps != null ? maxSteps : TeamDefinition.DEFAULT_MAX_STEPS;
        ModelSettings model = ModelReader.team(fields, "/model");
        JsonNode config = fields.mapping("/config", "{enable_logging: true}");
        TeamProcess process = process();
        JsonNode mcpServers = fields.mapping("/mcp_servers", "{files: {command: npx, args: [...]}}");
        if (mcpServers != null) {
            report("/mcp_servers", ToolSettingsCheck.mcpServers(mcpServers));
        }
        Boolean memory = fields.bool("/memory");
        Map<String, JsonNode> tools = toolSettings();
        List<AgentDefinition> agents = agents(model, teamMaxSteps, memory != null && memory);
        String mergeAgent = roleAgent("/merge_agent", TeamProcess.PARALLEL, process, agents, "the last agent");
        String manager = roleAgent("/manager", TeamProcess.HIERARCHICAL, process, agents, "the first agent");
        if (source.hasErrors()) {
            return null;
        }
        if (process == TeamProcess.PARALLEL && mergeAgent == null) {
            mergeAgent = agents.getLast().name();
        }
        if (process == TeamProcess.HIERARCHICAL && manager == null) {
            manager = agents.getFirst().name();
        }
        return new TeamDefinition(name, description, version, teamMaxSteps, model, (ObjectNode) config, agents, process,
                mcpServers, memory != null && memory, tools, mergeAgent, manager);
    }

    private String name() {
        String name = fields.requiredText("/name", "name: infra-team");
        if (name == null) {
            return null;
        }
        if (name.length() > TeamDefinition.MAX_NAME_LENGTH || !Names.NAME.matcher(name).matches()) {
            source.error("/name", "must be 1 to " + TeamDefinition.MAX_NAME_LENGTH + " letters, digits, '.', '_' and '-', "
                    + "starting with a letter or digit (it is how `agentplane run <team>` names the team), not '" + name + "'");
            return null;
        }
        return name;
    }

    private TeamProcess process() {
        String process = fields.text("/process");
        if (process == null) {
            return TeamProcess.DEFAULT;
        }
        return TeamProcess.of(process).orElseGet(() -> {
            String suggestion = NearMatch.suggestion(process, TeamProcess.NAMES);
            source.error("/process", "must be one of " + Fields.join(TeamProcess.NAMES) + ", not '" + process + "'" + suggestion);
            return TeamProcess.DEFAULT;
        });
    }

    /** A settings reader's complaint, at the field it names (or at {@code fallback}). */
    private void report(String fallback, ToolSettingsCheck.Complaint complaint) {
        if (complaint != null) {
            source.error(complaint.pointer() != null ? complaint.pointer() : fallback, complaint.message());
        }
    }

    private Map<String, JsonNode> toolSettings() {
        JsonNode tools = fields.mapping("/tools", "{terminal: {timeout_seconds: 60}}");
        Map<String, JsonNode> settings = new LinkedHashMap<>();
        if (tools == null) {
            return settings;
        }
        tools.properties().forEach(entry -> {
            String pointer = "/tools/" + LocatedYaml.escape(entry.getKey());
            if (entry.getKey().equals("saveFile")) {
                source.error(pointer, "is not a tool with settings of its own; write saveFile's settings under tools.file");
            } else if (!ToolNames.WITH_SETTINGS.contains(entry.getKey())) {
                String suggestion = NearMatch.suggestion(entry.getKey(), ToolNames.WITH_SETTINGS);
                source.error(pointer, "is not a tool that takes settings" + (suggestion.isEmpty()
                        ? "; the tools with settings are " + Fields.join(ToolNames.WITH_SETTINGS)
                        + " (MCP servers are set under mcp_servers)" : suggestion));
            } else if (fields.mapping(pointer, "{timeout_seconds: 60}") != null) {
                settings.put(entry.getKey(), entry.getValue());
                report(pointer, ToolSettingsCheck.tool(entry.getKey(), entry.getValue()));
            }
        });
        return settings;
    }

    private List<AgentDefinition> agents(ModelSettings model, int maxSteps, boolean memory) {
        JsonNode list = fields.list("/agents", "[{name: Planner, role: …, system_prompt: …, tools: [terminal]}]");
        if (list == null || list.isEmpty()) {
            if (source.node("/agents") == null || (list != null && list.isEmpty())) {
                source.error("/agents", "must list at least one agent, e.g. [{name: Planner, role: …, tools: [terminal]}]");
            }
            return List.of();
        }
        AgentReader reader = new AgentReader(fields);
        Map<String, String> seen = new HashMap<>();
        List<AgentDefinition> agents = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            AgentDefinition agent = reader.read("/agents/" + i, model, maxSteps, memory, seen);
            if (agent != null) {
                agents.add(agent);
            }
        }
        return agents;
    }

    /** merge_agent or manager: only for the process that uses one, and naming an agent of the team. */
    private String roleAgent(String pointer, TeamProcess user, TeamProcess process, List<AgentDefinition> agents,
                             String fallback) {
        String agent = fields.text(pointer);
        if (agent == null) {
            return null;
        }
        if (process != user) {
            source.error(pointer, "is used only by process: " + user.wireName() + " (this team's process is "
                    + process.wireName() + "); remove it or set process: " + user.wireName());
            return null;
        }
        List<String> names = agents.stream().map(AgentDefinition::name).toList();
        if (!names.contains(agent) && !agents.isEmpty()) {
            source.error(pointer, "'" + agent + "' is not an agent of this team" + NearMatch.suggestion(agent, names)
                    + "; the agents are " + Fields.join(names) + " (leave it out for " + fallback + ")");
            return null;
        }
        return agent;
    }
}
