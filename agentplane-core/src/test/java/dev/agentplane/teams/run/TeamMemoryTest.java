package dev.agentplane.teams.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentplane.common.Json;
import dev.agentplane.llm.FakeProvider;
import dev.agentplane.llm.LlmConfig;
import dev.agentplane.llm.Models;
import dev.agentplane.teams.definition.TeamDefinition;
import dev.agentplane.teams.definition.TeamParser;
import dev.agentplane.teams.tools.ToolContext;
import dev.agentplane.teams.tools.controlplane.LocalControlPlane;
import dev.agentplane.testing.AcrossDatabases;
import dev.agentplane.testing.TestPlane;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

class TeamMemoryTest {

    @AcrossDatabases
    void an_agent_with_memory_keeps_what_it_learned_in_state_and_reads_it_on_the_next_run(TestPlane t) throws Exception {
        try (FakeProvider provider = FakeProvider.start()) {
            Models models = Models.create(LlmConfig.parse(Json.YAML.readTree("""
                    models:
                      openai: {api_base: %s, api_key: sk-test, models: [gpt-4o-mini], max_retries: 0}
                    """.formatted(provider.apiBase())), Map.of()));
            TeamDefinition team = TeamParser.parse(Path.of("teams/ops.yaml"), """
                    name: ops
                    memory: true
                    agents:
                      - {name: operator, system_prompt: You operate.}
                    """).orThrow();
            TeamRunner runner = new TeamRunner(models, agent -> List.of(), new LocalControlPlane(t.plane(), t.actor()));
            ToolContext tools = new ToolContext(Path.of("."), "r", null, Duration.ofMinutes(1));
            provider.completion("Deployed.", 10, 1).completion("- the staging host is stg-1", 10, 1)
                    .completion("Deployed again.", 10, 1).completion("- the staging host is stg-1\n- deploys take 2 min", 10, 1);

            runner.run("r1", team, "deploy", new MemoryJournal(), tools, RunListener.NONE);
            String remembered = t.plane().state().get(t.actor(), "memory", "ops:operator").valueNode().get("summary").asText();
            runner.run("r2", team, "deploy again", new MemoryJournal(), tools, RunListener.NONE);

            assertThat(remembered).isEqualTo("- the staging host is stg-1");
            assertThat(provider.received().get(2).body().at("/messages/0/content").asText())
                    .contains("What you learned in earlier runs", "the staging host is stg-1");
            assertThat(t.plane().state().get(t.actor(), "memory", "ops:operator").valueNode().get("summary").asText())
                    .contains("deploys take 2 min");
        }
    }
}
