package dev.agentplane.teams.run;

import dev.agentplane.teams.definition.AgentDefinition;
import dev.agentplane.teams.definition.TeamDefinition;
import dev.agentplane.teams.definition.ToolNames;
import dev.agentplane.teams.tools.AgentTool;
import dev.agentplane.teams.tools.controlplane.ControlPlane;
import dev.agentplane.teams.tools.controlplane.ControlPlaneTools;
import dev.agentplane.teams.tools.controlplane.StateSettings;
import dev.agentplane.teams.tools.file.FileSettings;
import dev.agentplane.teams.tools.file.FileTool;
import dev.agentplane.teams.tools.file.SaveFileTool;
import dev.agentplane.teams.tools.http.HttpSettings;
import dev.agentplane.teams.tools.http.HttpTool;
import dev.agentplane.teams.tools.mcp.McpConnections;
import dev.agentplane.teams.tools.mcp.McpServers;
import dev.agentplane.teams.tools.policy.PolicySettings;
import dev.agentplane.teams.tools.policy.PolicyTool;
import dev.agentplane.teams.tools.terminal.TerminalSettings;
import dev.agentplane.teams.tools.terminal.TerminalTool;
import dev.agentplane.teams.tools.terraform.TerraformApprovals;
import dev.agentplane.teams.tools.terraform.TerraformSettings;
import dev.agentplane.teams.tools.terraform.TerraformTool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools of one team run, built from the team's {@code tools:} settings (an invalid setting fails the start,
 * naming its key path) and its MCP servers (started once per run, ended by {@link #close}). Each agent is offered
 * the tools it lists.
 */
public final class TeamToolbox implements AutoCloseable {
    private final Map<String, AgentTool> byName = new LinkedHashMap<>();
    private final McpConnections mcp;

    private TeamToolbox(McpConnections mcp) {
        this.mcp = mcp;
    }

    /** @throws IllegalArgumentException naming the key path of an invalid tool setting */
    public static TeamToolbox open(TeamDefinition team, ControlPlane controlPlane, TerraformApprovals approvals)
            throws InterruptedException {
        McpServers servers = McpServers.from(team.mcpServers(), "mcp_servers");
        boolean wantsMcp = team.agents().stream().flatMap(agent -> agent.tools().stream())
                .anyMatch(tool -> tool.equals(ToolNames.MCP) || ToolNames.mcpServer(tool).isPresent());
        TeamToolbox toolbox = new TeamToolbox(wantsMcp && !servers.isEmpty() ? McpConnections.open(servers) : null);
        FileSettings files = FileSettings.from(team.toolSettings("file").orElse(null), "tools.file");
        TerraformTool terraform = new TerraformTool(TerraformSettings.from(team.toolSettings("terraform").orElse(null),
                "tools.terraform"), approvals);
        toolbox.add(new TerminalTool(TerminalSettings.from(team.toolSettings("terminal").orElse(null), "tools.terminal")));
        toolbox.add(new FileTool(files));
        toolbox.add(new SaveFileTool(files));
        toolbox.add(new HttpTool(HttpSettings.from(team.toolSettings("http").orElse(null), "tools.http")));
        toolbox.add(terraform);
        toolbox.add(new PolicyTool(PolicySettings.from(team.toolSettings("policy").orElse(null), "tools.policy"), terraform));
        if (controlPlane != null) {
            ControlPlaneTools.all(controlPlane, StateSettings.from(team.toolSettings("state").orElse(null), "tools.state"))
                    .forEach(toolbox::add);
        }
        return toolbox;
    }

    private void add(AgentTool tool) {
        byName.put(tool.name(), tool);
    }

    /** The tools {@code agent} lists, in its order: {@code mcp} is every MCP tool, {@code mcp:<server>} one server's. */
    public List<AgentTool> toolsOf(AgentDefinition agent) {
        List<AgentTool> tools = new ArrayList<>();
        for (String name : agent.offeredTools()) {
            Optional<String> server = ToolNames.mcpServer(name);
            if (name.equals(ToolNames.MCP) && mcp != null) {
                tools.addAll(mcp.tools());
            } else if (server.isPresent() && mcp != null) {
                mcp.tools().stream().filter(tool -> tool.name().startsWith(server.get() + "__")).forEach(tools::add);
            } else if (byName.containsKey(name)) {
                tools.add(byName.get(name));
            }
        }
        return tools;
    }

    @Override
    public void close() {
        if (mcp != null) {
            mcp.close();
        }
    }
}
