package dev.agentplane.teams.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentplane.common.Json;
import dev.agentplane.llm.FakeProvider;
import dev.agentplane.llm.FakeProvider.Call;
import dev.agentplane.llm.LlmConfig;
import dev.agentplane.llm.Models;
import dev.agentplane.teams.definition.TeamDefinition;
import dev.agentplane.teams.definition.TeamParser;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.mcp.McpTestServers;
import dev.agentplane.teams.tools.terraform.TerraformApprovals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run with the team's real tools: an MCP server from npm, files confined to the workspace, a flaky provider. */
class TeamToolsRunTest {
    @TempDir
    Path workspace;

    @Test
    void an_agent_uses_an_mcp_servers_tool_is_refused_a_path_escape_and_the_run_survives_a_provider_error() throws Exception {
        TeamDefinition team = TeamParser.parse(Path.of("teams/mcp.yaml"), """
                name: mcp-team
                mcp_servers:
                  everything: {command: "%s", args: [stdio], timeout_seconds: 60}
                agents:
                  - {name: helper, system_prompt: You help., tools: ["mcp:everything", file]}
                """.formatted(McpTestServers.everything())).orThrow();
        try (FakeProvider provider = FakeProvider.start();
             TeamToolbox toolbox = TeamToolbox.open(team, null, TerraformApprovals.none())) {
            Models models = Models.create(LlmConfig.parse(Json.YAML.readTree("""
                    models:
                      openai: {api_base: %s, api_key: sk-test, models: [gpt-4o-mini], max_retries: 2}
                    """.formatted(provider.apiBase())), Map.of()));
            provider.json(503, "{\"error\": {\"message\": \"overloaded\"}}")
                    .toolCalls(null, 100, 10, new Call("m1", "everything__echo", "{\"message\": \"hello from the team\"}"),
                            new Call("f1", "file", "{\"operation\": \"read\", \"path\": \"../../etc/passwd\"}"))
                    .completion("The server echoed it.", 120, 6);

            RunOutcome outcome = new TeamRunner(models, toolbox::toolsOf, null).run("r", team, "echo something",
                    new MemoryJournal(), new ToolContext(workspace, "r", null, Duration.ofMinutes(1)), RunListener.NONE);

            assertThat(outcome.status()).as(outcome.reason()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(provider.received()).as("the 503 was retried").hasSize(3);
            JsonNode messages = provider.lastRequest().body().get("messages");
            assertThat(messages.get(3).get("content").asText()).contains("hello from the team");
            assertThat(messages.get(4).get("content").asText()).contains("..");
            assertThat(provider.received().get(1).body().get("tools").toString()).contains("everything__echo");
        }
    }
}
